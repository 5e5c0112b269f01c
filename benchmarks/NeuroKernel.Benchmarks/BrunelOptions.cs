namespace NeuroKernel.Benchmarks;

/// <summary>How to build the seed network (<see cref="BrunelNetwork.Build"/>).</summary>
internal sealed record BrunelOptions
{
    /// <summary>Network order: 4·order excitatory and order inhibitory neurons (the seed uses 2500).</summary>
    public int Order { get; init; } = 250;

    /// <summary>Seed of the source draws (the seed script's <c>numpy.random.seed(1234)</c>).</summary>
    public int Seed { get; init; } = 1234;

    /// <summary>The kernel's <c>rng_seed</c> (Poisson input); null keeps NEST's default, as the seed does.</summary>
    public long? RngSeed { get; init; }

    /// <summary>The kernel's <c>local_num_threads</c>.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Spike recorders on the first 50 excitatory and 50 inhibitory neurons, or none.</summary>
    public RecorderMode Recorders { get; init; } = RecorderMode.None;

    /// <summary>Directory of the <c>.gdf</c> files (kernel <c>data_path</c>); empty for the working directory.</summary>
    public string DataPath { get; init; } = "";
}
