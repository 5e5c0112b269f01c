using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Random;

namespace NeuroKernel.Models.Devices;

/// <summary>
/// NEST's <c>pulsepacket_generator</c>: around each of its pulse times, <c>activity</c> spikes at normally distributed
/// times (standard deviation <c>sdev</c>), sent to all targets alike.
/// </summary>
internal sealed class PulsePacketGeneratorModel() : DeviceModel<PulsePacketParameters>("pulsepacket_generator", new())
{
    public override bool SendsSpikes => true;

    public override NodeBlock CreateBlock(int firstId, int count) => new PulsePacketBlock(this, firstId, count, Defaults);
}

/// <summary>pulsepacket_generator's parameters: pulse_times (ms), activity (spikes per pulse, ≥ 0), sdev (ms, ≥ 0), and the window.</summary>
internal sealed record PulsePacketParameters : IDeviceParameters<PulsePacketParameters>
{
    public double[] PulseTimes { get; init; } = [];

    public long Activity { get; init; }

    public double Sdev { get; init; }

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    public PulsePacketParameters Read(StatusDictionary values, string owner, TimeGrid? grid = null)
    {
        var r = new ParameterReader(values, owner);
        double[] times = PulseTimes;
        long activity = Activity;
        double sdev = Sdev;
        r.TryDoubleArray("pulse_times", ref times);
        r.TryLong("activity", ref activity);
        r.TryFinite("sdev", ref sdev);
        var window = Window.Read(r, grid);
        r.ThrowIfUnused(NodeModel.CommonReadOnlyKeys);
        if (activity < 0)
        {
            throw ParameterReader.Bad("activity", activity, "The activity cannot be negative.");
        }

        if (sdev < 0.0)
        {
            throw ParameterReader.Bad("sdev", sdev, "The standard deviation cannot be negative.");
        }

        return this with { PulseTimes = [.. times.Order()], Activity = activity, Sdev = sdev, Window = window };
    }

    public StatusDictionary ToDictionary()
    {
        var d = new StatusDictionary { ["pulse_times"] = PulseTimes.ToArray(), ["activity"] = Activity, ["sdev"] = Sdev };
        Window.Write(d);
        return d;
    }
}

/// <summary>
/// The spikes of each node are drawn when the network is prepared: for pulse k, <c>activity</c> times t_k + sdev·Z from a
/// stream keyed by the kernel's seed, the node and k (the same for any thread count), on the grid (rounded to the nearest
/// step; times not after the run's start are in the past and dropped); then sent like spike_generator's, several in a
/// step as one event of that multiplicity. Spikes of pulses drawn before a run that are not yet sent stay; the parameters or a new seed
/// draw them anew.
/// </summary>
internal sealed class PulsePacketBlock(PulsePacketGeneratorModel model, int firstId, int count, PulsePacketParameters p)
    : DeviceBlock<PulsePacketParameters>(model, firstId, count, p)
{
    private readonly long[][] _stamps = new long[count][];
    private readonly int[] _next = new int[count];
    private readonly PulsePacketParameters?[] _drawn = new PulsePacketParameters?[count];
    private ulong _seed;

    public override bool HasUpdate => true;

    public override int SpikeCapacity(int count) => count;

    public override void Prepare(PrepareContext context)
    {
        base.Prepare(context);
        for (int i = 0; i < Count; i++)
        {
            if (ReferenceEquals(_drawn[i], Parameters[i]) && _seed == context.Seed)
            {
                continue;
            }

            var q = Parameters[i];
            var stamps = new List<long>();
            for (int k = 0; k < q.PulseTimes.Length; k++)
            {
                var rng = SeededRandom.FromState(SplitMix64.Derive(context.Seed, (ulong)(FirstId + i), (ulong)k, 0x9011_5E00UL));
                for (long a = 0; a < q.Activity; a++)
                {
                    double t = q.Window.Origin + q.PulseTimes[k] + (q.Sdev > 0.0 ? q.Sdev * MathNet.Numerics.Distributions.Normal.Sample(rng, 0.0, 1.0) : 0.0);
                    stamps.Add(context.Grid.RoundHalfUp(t));
                }
            }

            stamps.Sort();
            _stamps[i] = [.. stamps];
            _next[i] = 0;
            _drawn[i] = q;
        }

        _seed = context.Seed;
        for (int i = 0; i < Count; i++)
        {
            // Spikes at or before the current time are in the past.
            while (_next[i] < _stamps[i].Length && _stamps[i][_next[i]] <= context.Step)
            {
                _next[i]++;
            }
        }
    }

    public override void Update(in SliceContext slice, int start, int end, SpikeList spikes)
    {
        spikes.Clear();
        for (int lag = 0; lag < slice.Steps; lag++)
        {
            long stamp = slice.Step0 + lag + 1;
            for (int i = start; i < end; i++)
            {
                long[] stamps = _stamps[i];
                int multiplicity = 0;
                while (_next[i] < stamps.Length && stamps[_next[i]] == stamp)
                {
                    multiplicity++;
                    _next[i]++;
                }

                if (multiplicity > 0 && IsActive(i, stamp))
                {
                    spikes.Add(lag, i, multiplicity);
                }
            }
        }
    }
}
