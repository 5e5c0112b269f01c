using NeuroKernel.Kernel;

namespace NeuroKernel.Models.Devices;

/// <summary>
/// <c>poisson_generator</c>: sends each of its targets an independent Poisson spike train of rate
/// <c>rate</c> (Hz) while active (<c>origin + start &lt; t ≤ origin + stop</c>, ms). In each step a target
/// receives a spike of multiplicity n ~ Poisson(rate·h/1000).
/// </summary>
/// <remarks>Each target's train is drawn from its own stream keyed by (rng_seed, generator id, target's receiver index,
/// connection ordinal), so the trains do not depend on the number of threads.</remarks>
internal sealed class PoissonGeneratorModel() : DeviceModel<PoissonGeneratorParameters>(ModelNames.PoissonGenerator, new())
{
    public override bool SendsSpikes => true;

    public override bool SendsPerTargetSpikes => true;

    public override NodeBlock CreateBlock(int firstId, int count) => new PoissonGeneratorBlock(this, firstId, count, Defaults);
}

/// <summary>Parameters of <c>poisson_generator</c>: rate (Hz) and the activity window.</summary>
internal sealed record PoissonGeneratorParameters : IDeviceParameters<PoissonGeneratorParameters>
{
    public double Rate { get; init; }

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    public PoissonGeneratorParameters Read(StatusDictionary values, string owner, TimeGrid? grid = null)
    {
        var r = new ParameterReader(values, owner);
        double rate = Rate;
        r.TryFinite(ParameterNames.Rate, ref rate);
        if (rate < 0.0)
        {
            throw ParameterReader.Bad(ParameterNames.Rate, rate, "The rate cannot be negative.");
        }

        if (grid is { } g)
        {
            CheckMean(rate, g.Resolution);
        }

        var window = Window.Read(r, grid);
        r.ThrowIfUnused(NodeModel.CommonReadOnlyKeys);
        return this with { Rate = rate, Window = window };
    }

    /// <summary>
    /// The largest mean count per step (rate·h/1000) the generator draws: counts are whole numbers of spikes per step and
    /// must stay far inside the range of a 32-bit integer (1e9 per step is 10¹⁶ Hz at h = 0.1 ms).
    /// </summary>
    public const double MaxMeanPerStep = 1e9;

    /// <summary>Refuses a rate whose mean count per step of <paramref name="resolution"/> ms exceeds <see cref="MaxMeanPerStep"/>.</summary>
    public static void CheckMean(double rate, double resolution)
    {
        if (rate * resolution / 1000.0 > MaxMeanPerStep)
        {
            throw ParameterReader.Bad(ParameterNames.Rate, rate,
                $"The rate gives more than {MaxMeanPerStep:0e0} spikes per step of {TimeGrid.Format(resolution)} ms; the generator draws at most that many.");
        }
    }

    public StatusDictionary ToDictionary()
    {
        var d = new StatusDictionary { [ParameterNames.Rate] = Rate };
        Window.Write(d);
        return d;
    }
}
