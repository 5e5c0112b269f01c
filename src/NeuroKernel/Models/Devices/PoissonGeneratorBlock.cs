using NeuroKernel.Kernel;
using NeuroKernel.Random;
using NeuroKernel.Synapses;

namespace NeuroKernel.Models.Devices;

/// <summary>
/// poisson_generator nodes. They emit nothing in the update phase; in the delivery phase each active node
/// draws a count for every one of its targets and adds count·weight straight into the target's ring
/// buffer slot (NEST's per-target <c>DSSpikeEvent</c>).
/// </summary>
internal sealed class PoissonGeneratorBlock : NodeBlock
{
    private readonly PoissonGeneratorParameters[] _parameters;
    private Target[] _targets = [];
    private ulong[] _streams = [];
    private int _streamsVersion = -1;
    private PoissonSampler?[] _samplers = [];
    private (long First, long Last)[] _windows = [];

    public PoissonGeneratorBlock(PoissonGeneratorModel model, int firstId, int count, PoissonGeneratorParameters p)
        : base(model, firstId, count)
    {
        _parameters = new PoissonGeneratorParameters[count];
        Array.Fill(_parameters, p);
    }

    public override StatusDictionary GetStatus(int local) => _parameters[local].ToDictionary();

    public override Action ValidateStatus(int local, StatusDictionary values)
    {
        var p = _parameters[local].Read(values, Model.Name);
        return () => _parameters[local] = p;
    }

    public override void Prepare(PrepareContext context)
    {
        double h = context.Grid.Resolution;
        _samplers = new PoissonSampler?[Count];
        _windows = new (long, long)[Count];
        for (int i = 0; i < Count; i++)
        {
            double mean = _parameters[i].Rate * h / 1000.0;
            _samplers[i] = mean > 0.0 ? new PoissonSampler(mean) : null;
            _windows[i] = _parameters[i].Window.ToSteps(context.Grid, Model.Name);
        }

        if (_streamsVersion != context.Connections.Version)
        {
            BuildStreams(context.Connections, context.Seed);
        }
    }

    /// <summary>One stream per outgoing connection, seeded from (seed, generator id, target, ordinal).</summary>
    private void BuildStreams(ConnectionStore store, ulong seed)
    {
        var targets = new List<Target>();
        long total = 0;
        for (int i = 0; i < Count; i++)
        {
            int source = FirstId - 1 + i;
            if (source >= store.NumNodes)
            {
                continue;
            }

            foreach (var g in store.Groups)
            {
                int len = g.RowLength(source);
                if (len > 0)
                {
                    targets.Add(new Target(i, g, g.RowStart[source], len, total));
                    total += len;
                }
            }
        }

        _targets = [.. targets];
        _streams = new ulong[total];
        foreach (var t in _targets)
        {
            for (int j = 0; j < t.Length; j++)
            {
                int receiver = t.Group.Targets[t.RowStart + j];
                _streams[t.StreamOffset + j] = SplitMix64.Derive(seed, (ulong)(FirstId + t.Local), (ulong)receiver, (ulong)j);
            }
        }

        _streamsVersion = store.Version;
    }

    public override void DeliverPerTarget(in SliceContext slice, int lag)
    {
        long stamp = slice.Step0 + lag + 1;
        var rings = slice.Rings;
        foreach (var t in _targets)
        {
            var sampler = _samplers[t.Local];
            var (first, last) = _windows[t.Local];
            if (sampler is null || stamp < first || stamp > last)
            {
                continue;
            }

            var g = t.Group;
            // Arrives in the step that ends delay after the stamp: step index stamp + delay − 1.
            int slotBase = rings.SlotBase(stamp + g.DelaySteps - 1);
            double[] buffer = g.Excitatory ? rings.Excitatory : rings.Inhibitory;
            double w = g.Weight;
            var receivers = g.Targets.AsSpan(t.RowStart, t.Length);
            var streams = _streams.AsSpan((int)t.StreamOffset, t.Length);
            for (int j = 0; j < receivers.Length; j++)
            {
                int n = sampler.Sample(ref streams[j]);
                if (n != 0)
                {
                    buffer[slotBase + receivers[j]] += w * n;
                }
            }
        }
    }

    private readonly record struct Target(int Local, ConnectionGroup Group, int RowStart, int Length, long StreamOffset);
}
