// NeuroKernel benchmarks: one scenario per file, allocations always reported (BenchmarkConfig).
//
//   dotnet run -c Release --project benchmarks/NeuroKernel.Benchmarks -- --filter '*' --job short
//   dotnet run -c Release --project benchmarks/NeuroKernel.Benchmarks -- --filter '*StepLoop*' --job dry
//
// Results and the machine they were measured on: docs/performance.md.

using BenchmarkDotNet.Running;
using NeuroKernel.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
