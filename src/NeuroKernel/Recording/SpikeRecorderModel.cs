using NeuroKernel.Models;

namespace NeuroKernel.Recording;

/// <summary>
/// <c>spike_recorder</c> (and its NEST 2 name <c>spike_detector</c>): records the spikes of the nodes
/// connected to it, stamped t with <c>origin + start &lt; t ≤ origin + stop</c> (ms).
/// </summary>
/// <remarks>
/// Backends: <c>memory</c> (status <c>n_events</c> and <c>events</c> with <c>senders</c> and <c>times</c>;
/// setting <c>n_events</c> to 0 clears them), <c>ascii</c> (NEST 3 <c>.dat</c> file with a header) and
/// <c>screen</c>. With the NEST 2 key <c>to_file</c> the recorder writes NEST 2's <c>.gdf</c> file
/// (<c>gid&lt;TAB&gt;time</c>) and keeps the events in memory too. Files are named
/// <c>data_path/data_prefix + label + "-" + id + "-0" + extension</c>, where label defaults to the model
/// name. All data up to the simulated time is recorded and flushed when Simulate returns.
/// </remarks>
internal sealed class SpikeRecorderModel : NodeModel
{
    private SpikeRecorderParameters _defaults = new();

    public SpikeRecorderModel(string name) : base(name) { }

    public override ElementType ElementType => ElementType.Recorder;

    public override bool SendsSpikes => false;

    public override bool RecordsSpikes => true;

    public override StatusDictionary GetDefaults()
    {
        var d = new StatusDictionary();
        _defaults.Write(d);
        d[ParameterNames.NEvents] = 0L;
        d[ParameterNames.Events] = new StatusDictionary { [ParameterNames.Senders] = Array.Empty<int>(), [ParameterNames.Times] = Array.Empty<double>() };
        return d;
    }

    public override void SetDefaults(StatusDictionary values) => _defaults = _defaults.Read(values, Name, out _);

    public override NodeBlock CreateBlock(int firstId, int count) => new SpikeRecorderBlock(this, firstId, count, _defaults);
}
