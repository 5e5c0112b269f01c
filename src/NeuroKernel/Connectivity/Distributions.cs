namespace NeuroKernel;

/// <summary>
/// Random distributions for weights and delays in a <see cref="SynSpec"/> (NEST 3's <c>nest.random</c>).
/// Each returns a dictionary with <c>distribution</c> and its parameters, so it can also be written by hand,
/// e.g. <c>new StatusDictionary { ["distribution"] = "normal", ["mean"] = 1.0, ["std"] = 0.1 }</c>. Values are
/// drawn per connection from the kernel's seeded streams; delays drawn are rounded to the grid.
/// </summary>
public static class Distributions
{
    /// <summary>Uniform on [min, max) (NEST's <c>nest.random.uniform</c>).</summary>
    /// <param name="min">Lower bound.</param>
    /// <param name="max">Upper bound (&gt; min).</param>
    /// <returns>The distribution specification.</returns>
    public static StatusDictionary Uniform(double min, double max) => new() { ["distribution"] = "uniform", ["min"] = min, ["max"] = max };

    /// <summary>Normal with mean and standard deviation (NEST's <c>nest.random.normal</c>); with bounds, values
    /// outside [min, max) are drawn again (NEST 2's <c>normal_clipped</c> redrawn).</summary>
    /// <param name="mean">Mean.</param>
    /// <param name="std">Standard deviation (≥ 0).</param>
    /// <param name="min">Lower bound, or −∞.</param>
    /// <param name="max">Upper bound, or +∞.</param>
    /// <returns>The distribution specification.</returns>
    public static StatusDictionary Normal(double mean, double std, double min = double.NegativeInfinity, double max = double.PositiveInfinity) =>
        new() { ["distribution"] = "normal", ["mean"] = mean, ["std"] = std, ["min"] = min, ["max"] = max };

    /// <summary>Log-normal: exp of a normal with the given mean and standard deviation (NEST's <c>nest.random.lognormal</c>).</summary>
    /// <param name="mean">Mean of the underlying normal.</param>
    /// <param name="std">Standard deviation of the underlying normal (≥ 0).</param>
    /// <returns>The distribution specification.</returns>
    public static StatusDictionary Lognormal(double mean, double std) => new() { ["distribution"] = "lognormal", ["mean"] = mean, ["std"] = std };

    /// <summary>Exponential with scale β, mean β (NEST's <c>nest.random.exponential</c>).</summary>
    /// <param name="beta">Scale (&gt; 0).</param>
    /// <returns>The distribution specification.</returns>
    public static StatusDictionary Exponential(double beta) => new() { ["distribution"] = "exponential", ["beta"] = beta };
}
