using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;
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
        r.ThrowIfUnused(NodeModel.CommonReadOnlyKeys);
        return this with { Amplitude = amplitude, Window = window };
    }

    public StatusDictionary ToDictionary()
    {
        var d = new StatusDictionary { ["amplitude"] = Amplitude };
        Window.Write(d);
        return d;
    }
}

/// <summary>
/// dc_generator nodes: each active node sends amplitude × weight to its targets' current input, delivered at its place in
/// the canonical order (<see cref="IPerTargetSender"/>); the update only takes multimeter samples of the current.
/// </summary>
internal sealed class DcGeneratorBlock(DcGeneratorModel model, int firstId, int count, DcGeneratorParameters p)
    : DeviceBlock<DcGeneratorParameters>(model, firstId, count, p), IPerTargetSender
{
    private long _stamp;
    private PerTargetRun[] _runs = [];
    private int _runsVersion = -1;

    public override bool HasUpdate => true;

    public override int SpikeCapacity(int count) => 0;

    public ReadOnlySpan<PerTargetRun> Runs => _runs;

    public Span<ulong> Streams => default;

    /// <summary>NEST's window for current generators is one step ahead of the spike stamp: start &lt; t + h ≤ stop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Sends(int local, long stamp) => IsActive(local, stamp + 1) && Parameters[local].Amplitude != 0.0;

    /// <summary>The current for step s = stamp − 1 is the target's input for step s + delay: amplitude × weight.</summary>
    public (int Multiplicity, double Factor) EventOf(int local, int buffer, int lag, ref ulong stream) => (1, Parameters[local].Amplitude);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Random.PoissonSampler? FusedSampler(int local) => null;

    public override void Prepare(PrepareContext context)
    {
        base.Prepare(context);
        if (_runsVersion != context.Connections.Version)
        {
            _runs = PerTargetRun.Build(context.Connections, FirstIndex, Count).Runs;
            _runsVersion = context.Connections.Version;
        }
    }

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
}
