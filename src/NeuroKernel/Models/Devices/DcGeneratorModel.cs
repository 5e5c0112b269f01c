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
/// the canonical order, as every current generator (<see cref="CurrentGeneratorBlock{TParameters}"/>): NEST's window for
/// current generators is one step ahead of the spike stamp (start &lt; t + h ≤ stop), and the current for step s is the
/// target's input for step s + delay. A node of amplitude 0 sends nothing.
/// </summary>
internal sealed class DcGeneratorBlock(DcGeneratorModel model, int firstId, int count, DcGeneratorParameters p)
    : CurrentGeneratorBlock<DcGeneratorParameters>(model, firstId, count, p)
{
    protected override void Start(PrepareContext context) { }

    protected override bool Silent(int local) => Parameters[local].Amplitude == 0.0;

    protected override double Advance(int local, long step, bool active) => active ? Parameters[local].Amplitude : 0.0;
}
