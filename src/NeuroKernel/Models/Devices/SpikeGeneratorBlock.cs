using NeuroKernel.Delivery;
using NeuroKernel.Kernel;

namespace NeuroKernel.Models.Devices;

/// <summary>spike_generator nodes: each walks its sorted spike stamps and emits those of the current step.</summary>
internal sealed class SpikeGeneratorBlock(SpikeGeneratorModel model, int firstId, int count, SpikeGeneratorParameters p)
    : DeviceBlock<SpikeGeneratorParameters>(model, firstId, count, p)
{
    private long[][] _stamps = [];
    private double[][] _weights = [];
    private int[] _next = [];

    public override void Prepare(PrepareContext context)
    {
        base.Prepare(context);
        _stamps = new long[Count][];
        _weights = new double[Count][];
        _next = new int[Count];
        for (int i = 0; i < Count; i++)
        {
            var p = Parameters[i];
            var times = p.SpikeTimes;
            var stamps = new long[times.Length];
            for (int k = 0; k < times.Length; k++)
            {
                // Times are relative to origin; off the grid they are refused or, if allowed, rounded up.
                double t = p.Window.Origin + times[k];
                if (context.Grid.IsOnGrid(t, out stamps[k]))
                {
                    continue;
                }

                if (p.AllowOffgridTimes)
                {
                    stamps[k] = (long)Math.Ceiling(t * context.Grid.StepsPerMs);
                }
                else
                {
                    throw new BadPropertyException(ParameterNames.SpikeTimes,
                        $"{Model.Name}: spike times must be multiples of the resolution (spike_times[{k}] = {StatusDictionary.Describe(times[k])} ms, resolution = {StatusDictionary.Describe(context.Grid.Resolution)} ms).");
                }
            }

            _stamps[i] = stamps;
            _weights[i] = p.SpikeWeights;
            // Spikes at or before the current time are in the past and are skipped.
            int next = 0;
            while (next < stamps.Length && stamps[next] <= context.Step)
            {
                next++;
            }

            _next[i] = next;
        }

    }

    public override bool HasUpdate => true;

    /// <summary>Each generator emits at most one (multiple) spike per step.</summary>
    public override int SpikeCapacity(int count) => count;

    public override void Update(in SliceContext slice, int start, int end, SpikeList spikes)
    {
        spikes.Clear();
        for (int lag = 0; lag < slice.Steps; lag++)
        {
            long stamp = slice.Step0 + lag + 1;
            for (int i = start; i < end; i++)
            {
                long[] stamps = _stamps[i];
                double[] weights = _weights[i];
                int next = _next[i];
                int multiplicity = 0;
                double weight = 0.0;
                while (next < stamps.Length && stamps[next] == stamp)
                {
                    weight += weights.Length > 0 ? weights[next] : 1.0;
                    multiplicity++;
                    next++;
                }

                _next[i] = next;
                if (multiplicity > 0 && IsActive(i, stamp))
                {
                    // One event per step: spikes at the same time add up (weight factor = mean spike weight).
                    spikes.Add(lag, i, multiplicity, weights.Length > 0 ? weight / multiplicity : 1.0);
                }
            }
        }

    }
}
