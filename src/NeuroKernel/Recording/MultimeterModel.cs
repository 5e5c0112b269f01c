using NeuroKernel.Models;

namespace NeuroKernel.Recording;

/// <summary>
/// <c>multimeter</c> and <c>voltmeter</c>: sample recordables (<c>record_from</c>) of the neurons they are
/// connected to (<c>Connect(multimeter, neurons)</c>, the multimeter is the source) every <c>interval</c> ms,
/// for sample times t with <c>origin + start &lt; t ≤ origin + stop</c>. A sample stamped t is the state at the
/// end of the step (t − h, t]. Status <c>events</c> holds <c>senders</c>, <c>times</c> and one array per
/// recordable, ordered by time, then sender; backends memory, ascii (<c>.dat</c>) and screen.
/// The voltmeter is a multimeter whose record_from defaults to V_m.
/// </summary>
internal sealed class MultimeterModel : NodeModel
{
    private MultimeterParameters _defaults;

    public MultimeterModel(string name, string[] recordFrom) : base(name) => _defaults = new() { RecordFrom = recordFrom };

    public override ElementType ElementType => ElementType.Recorder;

    public override bool SendsSpikes => false;

    public override bool SamplesState => true;

    public override StatusDictionary GetDefaults()
    {
        var d = new StatusDictionary();
        _defaults.Write(d);
        d[ParameterNames.NEvents] = 0L;
        return d;
    }

    public override void SetDefaults(StatusDictionary values) => _defaults = _defaults.Read(values, Name, out _);

    public override NodeBlock CreateBlock(int firstId, int count) => new MultimeterBlock(this, firstId, count, _defaults);
}
