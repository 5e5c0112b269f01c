using NeuroKernel.Kernel;

namespace NeuroKernel.Models.Devices;

/// <summary>
/// <c>dc_generator</c>: a constant current of <c>amplitude</c> (pA) to each target while active
/// (<c>origin + start &lt; t ≤ origin + stop</c>, t the end of the step). The current sent for step s reaches the
/// target's input for step s + delay and so moves V_m one step later: through a connection of delay h, a dc
/// input acts two steps later than the same I_e. The current a target receives is amplitude × weight.
/// </summary>
internal sealed class DcGeneratorModel() : DeviceModel<DcGeneratorParameters>(ModelNames.DcGenerator, new())
{
    public override bool SendsSpikes => false;

    public override bool SendsCurrents => true;

    /// <summary>The current sent in a step (pA), as NEST's multimeter reads it.</summary>
    public override IReadOnlyList<string> Recordables { get; } = ["I"];

    public override NodeBlock CreateBlock(int firstId, int count) => new DcGeneratorBlock(this, firstId, count, Defaults);
}

/// <summary>Parameters of <c>dc_generator</c>: amplitude (pA) and the activity window.</summary>
internal sealed record DcGeneratorParameters : IDeviceParameters<DcGeneratorParameters>
{
    public double Amplitude { get; init; }

    public DeviceWindow Window { get; init; } = DeviceWindow.Default;

    public DcGeneratorParameters Read(StatusDictionary values, string owner, TimeGrid? grid = null)
    {
        var r = new ParameterReader(values, owner);
        double amplitude = Amplitude;
        r.TryFinite("amplitude", ref amplitude);
        var window = Window.Read(r, grid);
        r.ThrowIfUnused([ParameterNames.Model, ParameterNames.GlobalId, ParameterNames.ElementType]);
        return this with { Amplitude = amplitude, Window = window };
    }

    public StatusDictionary ToDictionary()
    {
        var d = new StatusDictionary { ["amplitude"] = Amplitude };
        Window.Write(d);
        return d;
    }
}

/// <summary>dc_generator nodes: in the delivery phase each active node adds amplitude × weight to its targets' current input.</summary>
internal sealed class DcGeneratorBlock(DcGeneratorModel model, int firstId, int count, DcGeneratorParameters p)
    : DeviceBlock<DcGeneratorParameters>(model, firstId, count, p)
{
    private long _stamp;

    public override bool HasUpdate => true;

    public override int SpikeCapacity(int count) => 0;

    /// <summary>Nothing to advance; only multimeter samples of the current I are taken here.</summary>
    public override void Update(in SliceContext slice, int start, int end, Delivery.SpikeList spikes)
    {
        spikes.Clear();
        if (SampleRequests.Length == 0)
        {
            return;
        }

        for (int lag = 0; lag < slice.Steps; lag++)
        {
            _stamp = slice.Step0 + lag + 1;
            foreach (var request in SampleRequests)
            {
                Sample(request, _stamp);
            }
        }
    }

    public override double ReadRecordable(int local, string name)
    {
        return IsActive(local, _stamp + 1) ? Parameters[local].Amplitude : 0.0;
    }

    public override void DeliverPerTarget(in SliceContext slice, int lag, int firstPartition, int endPartition)
    {
        long stamp = slice.Step0 + lag + 1;
        var rings = slice.Rings;
        var store = slice.Connections;
        var parts = store.Partitions;
        for (int i = 0; i < Count; i++)
        {
            double amplitude = Parameters[i].Amplitude;
            // NEST's window for current generators is one step ahead of the spike stamp: start < t + h ≤ stop.
            if (!IsActive(i, stamp + 1) || amplitude == 0.0)
            {
                continue;
            }

            int row = (FirstId - 1 + i) * parts.Count;
            foreach (var g in store.Groups)
            {
                if (g.Index[row + firstPartition] == g.Index[row + endPartition])
                {
                    continue;
                }

                // The current for step s = stamp − 1 is the target's input for step s + delay.
                int slotBase = rings.SlotBase(stamp + g.DelaySteps - 1);
                double[] buffer = g.Buffer(rings);
                double value = amplitude * g.DeliveredWeight;
                for (int p = firstPartition; p < endPartition; p++)
                {
                    int start = slotBase + parts.Base(p);
                    for (int j = g.Index[row + p]; j < g.Index[row + p + 1]; j++)
                    {
                        if (g.IsUniform)
                        {
                            buffer[start + g.Targets[j]] += value;
                        }
                        else
                        {
                            buffer[rings.SlotBase(stamp + g.DelayAt(j) - 1) + parts.Base(p) + g.Targets[j]] += amplitude * g.WeightAt(j);
                        }
                    }
                }
            }
        }
    }
}
