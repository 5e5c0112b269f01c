// NeuroKernel benchmarks: one scenario per file, allocations always reported (BenchmarkConfig).
//
//   dotnet run -c Release --project benchmarks/NeuroKernel.Benchmarks -- --filter '*' --job short
//   dotnet run -c Release --project benchmarks/NeuroKernel.Benchmarks -- --filter '*StepLoop*' --job dry
//
// Results and the machine they were measured on: docs/performance.md.

using BenchmarkDotNet.Running;
using NeuroKernel.Benchmarks;

//   dotnet run -c Release --project benchmarks/NeuroKernel.Benchmarks -- scaling [250 500 1000 2500] [--threads 1,2] [--repeat 5] [--fixed-split]
//   dotnet run -c Release --project benchmarks/NeuroKernel.Benchmarks -- scaling-one 2500 2 [--fixed-split]   (one run, one RESULT line)
//   dotnet run -c Release --project benchmarks/NeuroKernel.Benchmarks -- coba [threads 1] [seconds 1] [seed 1]   (the Vogels–Abbott COBA network, iaf_cond_exp)
//   dotnet run -c Release --project benchmarks/NeuroKernel.Benchmarks -- longrun [order 500] [seconds 100]
//   dotnet run -c Release --project benchmarks/NeuroKernel.Benchmarks -- hpc [1 2] [--threads 1,2]   (NEST's HPC benchmark)
//   dotnet run -c Release --project benchmarks/NeuroKernel.Benchmarks -- hpc-one 1 1                 (one run, one RESULT line)

if (args.Length > 0 && args[0] == "scaling")
{
    return Scaling.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "hpc")
{
    return HpcRun.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "hpc-one")
{
    return HpcRun.RunOne(args[1..]);
}

if (args.Length > 0 && args[0] == "microcircuit")
{
    return MicrocircuitRun.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "microcircuit-one")
{
    return MicrocircuitRun.RunOne(args[1..]);
}

if (args.Length > 0 && args[0] == "coba")
{
    return CobaRun.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "longrun")
{
    return LongRun.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "scaling-one")
{
    return Scaling.RunOne(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
return 0;
