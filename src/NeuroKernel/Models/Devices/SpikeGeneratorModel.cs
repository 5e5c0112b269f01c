using NeuroKernel.Kernel;

namespace NeuroKernel.Models.Devices;

/// <summary>
/// <c>spike_generator</c>: emits spikes at the times in <c>spike_times</c> (ms, relative to <c>origin</c>,
/// sorted) to all of its targets, while active (<c>origin + start &lt; t ≤ origin + stop</c>). A spike at time t
/// is emitted in the step (t − h, t] and carries the stamp t, as a neuron's spike does. Times must lie on the
/// grid unless <c>allow_offgrid_times</c> is true, in which case they are rounded up to the next grid point
/// (NEST's rule). With <c>spike_weights</c> (one per spike) each spike's weight multiplies the connection's.
/// Repeated times give one spike of higher multiplicity.
/// </summary>
internal sealed class SpikeGeneratorModel() : DeviceModel<SpikeGeneratorParameters>(ModelNames.SpikeGenerator, new())
{
    public override bool SendsSpikes => true;

    public override NodeBlock CreateBlock(int firstId, int count) => new SpikeGeneratorBlock(this, firstId, count, Defaults);
}

/// <summary>Parameters of <c>spike_generator</c>.</summary>
internal sealed record SpikeGeneratorParameters : IDeviceParameters<SpikeGeneratorParameters>
{
    public double[] SpikeTimes { get; init; } = [];

    public double[] SpikeWeights { get; init; } = [];

    public bool AllowOffgridTimes { get; init; }

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    public SpikeGeneratorParameters Read(StatusDictionary values, string owner, TimeGrid? grid = null)
    {
        var r = new ParameterReader(values, owner);
        double[] times = SpikeTimes, weights = SpikeWeights;
        bool offgrid = AllowOffgridTimes, precise = false;
        r.TryBool("allow_offgrid_times", ref offgrid);
        if (r.TryBool("precise_times", ref precise) && precise)
        {
            throw new BadPropertyException("precise_times", $"{owner}: precise (off-grid) spike times are not implemented (precise_times = true).");
        }

        if (r.TryDoubleArray(ParameterNames.SpikeTimes, ref times))
        {
            for (int i = 0; i < times.Length; i++)
            {
                if (times[i] < 0.0)
                {
                    throw new BadPropertyException(ParameterNames.SpikeTimes,
                        $"{owner}: spike times must not be negative (spike_times[{i}] = {StatusDictionary.Describe(times[i])}).");
                }

                if (i > 0 && times[i] < times[i - 1])
                {
                    throw new BadPropertyException(ParameterNames.SpikeTimes,
                        $"{owner}: spike times must be sorted in non-descending order (spike_times[{i - 1}] = {StatusDictionary.Describe(times[i - 1])}, spike_times[{i}] = {StatusDictionary.Describe(times[i])}).");
                }
            }
        }

        r.TryDoubleArray("spike_weights", ref weights);
        if (weights.Length != 0 && weights.Length != times.Length)
        {
            throw new BadPropertyException("spike_weights",
                $"{owner}: spike_weights must be empty or have one weight per spike time (spike_weights has {weights.Length}, spike_times has {times.Length}).");
        }

        var window = Window.Read(r, grid);
        if (grid is { } g && !offgrid)
        {
            for (int i = 0; i < times.Length; i++)
            {
                if (!g.IsOnGrid(window.Origin + times[i], out _))
                {
                    throw new BadPropertyException(ParameterNames.SpikeTimes,
                        $"{owner}: spike times must be multiples of the resolution unless allow_offgrid_times is true (spike_times[{i}] = {StatusDictionary.Describe(times[i])} ms, resolution = {StatusDictionary.Describe(g.Resolution)} ms).");
                }
            }
        }

        r.ThrowIfUnused(NodeModel.CommonReadOnlyKeys);
        return this with { SpikeTimes = times, SpikeWeights = weights, AllowOffgridTimes = offgrid, Window = window };
    }

    public StatusDictionary ToDictionary()
    {
        var d = new StatusDictionary
        {
            [ParameterNames.SpikeTimes] = SpikeTimes.ToArray(),
            ["spike_weights"] = SpikeWeights.ToArray(),
            ["allow_offgrid_times"] = AllowOffgridTimes,
            ["precise_times"] = false,
        };
        Window.Write(d);
        return d;
    }
}
