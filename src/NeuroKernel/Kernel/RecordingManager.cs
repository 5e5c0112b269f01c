using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;
using NeuroKernel.Models;
using NeuroKernel.Recording;
using NeuroKernel.Synapses;

namespace NeuroKernel.Kernel;

/// <summary>
/// The recording devices' side of the kernel (NEST's <c>IOManager</c> and recording backends): spike recorders fed at
/// emission through the store's taps, multimeters' connections turned into sample requests on the sampled blocks, and
/// the hand-over and flushing of recorded data when Simulate returns.
/// </summary>
internal sealed class RecordingManager(KernelManager kernel)
{
    private List<SamplerTap> _samplerTaps = [];
    private NodeBlock?[] _recorderOf = [];
    private ConnectionStore _store = ConnectionStore.Empty;
    private long _spikes;

    /// <summary>Every multimeter connection made so far, in the order made.</summary>
    public IReadOnlyList<SamplerTap> SamplerTaps => _samplerTaps;

    /// <summary>Spikes of neurons and spike generators seen at emission since the kernel was reset.</summary>
    public long Spikes => _spikes;

    /// <summary>Bytes reserved by recorders for their data.</summary>
    public long RecordedBytes => kernel.Nodes.Blocks.Sum(b => b.RecordedBytes);

    public void Initialize()
    {
        _samplerTaps = [];
        _recorderOf = [];
        _store = ConnectionStore.Empty;
        _spikes = 0;
        _tappedDevices = [];
        _tapStreams = [];
        _tapStreamAt = [];
    }

    public void AddSamplerTaps(IEnumerable<SamplerTap> taps) => _samplerTaps.AddRange(taps);

    /// <summary>The recording part of a full preparation: which recorder each tap of <paramref name="store"/> feeds.</summary>
    public void Prepare(ConnectionStore store)
    {
        var recorderOf = new NodeBlock?[kernel.Nodes.NumNodes + 1];
        foreach (var b in kernel.Nodes.Blocks.Where(b => b.Model.RecordsSpikes))
        {
            for (int i = 0; i < b.Count; i++)
            {
                recorderOf[b.FirstId + i] = b;
            }
        }

        _recorderOf = recorderOf;
        _store = store;
        PrepareDeviceTaps(store);
    }

    /// <summary>The per-target devices with spike recorders among their targets, in id order, and one stream per such tap.</summary>
    private IPerTargetSender[] _tappedDevices = [];
    private ulong[] _tapStreams = [];
    private Dictionary<(int Source, int Recorder, int Ordinal), int> _tapStreamAt = [];
    private ulong _tapSeed;

    /// <summary>
    /// A spike recorder connected to a device that draws for each target (poisson_generator and its relatives, NEST's
    /// DSSpikeEvent) is one more target: it records a realization of its own, drawn from a stream keyed by the seed, the
    /// device, the recorder and the ordinal among repeated connections (the same for any thread count). Streams of taps
    /// that existed before continue where they were.
    /// </summary>
    private void PrepareDeviceTaps(ConnectionStore store)
    {
        var devices = new List<IPerTargetSender>();
        foreach (var b in kernel.Nodes.Blocks)
        {
            if (b is IPerTargetSender sender && b.Model.SendsPerTargetSpikes && HasTaps(store, b))
            {
                devices.Add(sender);
            }
        }

        ulong seed = kernel.Random.Seed;
        var previous = seed == _tapSeed ? _tapStreamAt : [];
        var streams = new ulong[store.Taps.Length];
        var streamAt = new Dictionary<(int, int, int), int>();
        foreach (var d in devices)
        {
            var b = (NodeBlock)d;
            for (int source = b.FirstIndex; source < b.FirstIndex + b.Count; source++)
            {
                var seen = new Dictionary<int, int>();
                for (int j = store.TapStart[source]; j < store.TapStart[source + 1]; j++)
                {
                    int recorder = store.Taps[j].RecorderId;
                    seen.TryGetValue(recorder, out int ordinal);
                    seen[recorder] = ordinal + 1;
                    var key = (source + 1, recorder, ordinal);
                    streams[j] = previous.TryGetValue(key, out int at) ? _tapStreams[at] : RandomManager.PerTargetStream(seed, source + 1, -recorder, ordinal);
                    streamAt[key] = j;
                }
            }
        }

        _tappedDevices = [.. devices];
        _tapStreams = streams;
        _tapStreamAt = streamAt;
        _tapSeed = seed;
    }

    private static bool HasTaps(ConnectionStore store, NodeBlock b) =>
        b.FirstIndex + b.Count < store.TapStart.Length && store.TapStart[b.FirstIndex + b.Count] > store.TapStart[b.FirstIndex];

    /// <summary>Gives every block the multimeter requests on its nodes, sorted by node (after the blocks prepared).</summary>
    public void AttachSampleRequests()
    {
        var nodes = kernel.Nodes;
        var byBlock = new Dictionary<NodeBlock, List<SampleRequest>>();
        foreach (var (meter, target, _) in _samplerTaps)
        {
            var m = nodes.FindBlock(meter);
            var t = nodes.FindBlock(target);
            var request = m.CreateSampleRequest(meter - m.FirstId, t, target - t.FirstId);
            if (!byBlock.TryGetValue(t, out var list))
            {
                byBlock.Add(t, list = []);
            }

            list.Add(request);
        }

        foreach (var b in nodes.Blocks)
        {
            b.SampleRequests = byBlock.TryGetValue(b, out var list) ? [.. list.OrderBy(r => r.Local)] : [];
        }
    }

    /// <summary>
    /// Records the slice's received spikes in the spike recorders connected to their senders, at their emission time, lag
    /// by lag and sender by sender (one thread, after the exchange).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void RecordEmitted(ReadOnlySpan<ReceivedSpikes> received, in Kernel.SliceContext slice)
    {
        for (int lag = 0; lag < slice.Steps; lag++)
        {
            long stamp = slice.Step0 + lag + 1;
            int device = 0;
            foreach (var source in received)
            {
                // Tapped per-target devices at their place in id order.
                for (; device < _tappedDevices.Length && _tappedDevices[device].FirstIndex < source.FirstIndex; device++)
                {
                    RecordDevice(_tappedDevices[device], in slice, lag, stamp);
                }

                var local = source.Spikes.Local(lag);
                var multiplicity = source.Spikes.Multiplicity(lag);
                _spikes += local.Length;
                for (int k = 0; k < local.Length; k++)
                {
                    RecordSpike(source.FirstIndex + local[k], stamp, multiplicity[k]);
                }
            }

            for (; device < _tappedDevices.Length; device++)
            {
                RecordDevice(_tappedDevices[device], in slice, lag, stamp);
            }
        }
    }

    /// <summary>What a per-target device sends each of its spike recorders in step <paramref name="stamp"/>: a draw of its own per tap.</summary>
    private void RecordDevice(IPerTargetSender sender, in Kernel.SliceContext slice, int lag, long stamp)
    {
        var store = _store;
        int count = ((NodeBlock)sender).Count;
        for (int local = 0; local < count; local++)
        {
            if (!sender.Sends(local, stamp))
            {
                continue;
            }

            int source = sender.FirstIndex + local;
            for (int j = store.TapStart[source]; j < store.TapStart[source + 1]; j++)
            {
                var (multiplicity, _) = sender.EventOf(local, slice.Buffer, lag, ref _tapStreams[j], -1 - j);
                if (multiplicity > 0)
                {
                    int recorder = store.Taps[j].RecorderId;
                    var b = _recorderOf[recorder]!;
                    b.RecordSpike(recorder - b.FirstId, source + 1, stamp, multiplicity, in store.Taps[j]);
                }
            }
        }
    }

    /// <summary>
    /// Records a spike of source node index <paramref name="source"/> stamped <paramref name="stamp"/> in every spike
    /// recorder connected to it, at its emission time (one thread, in canonical order).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RecordSpike(int source, long stamp, int multiplicity)
    {
        var store = _store;
        int begin = store.TapStart[source], end = store.TapStart[source + 1];
        for (int j = begin; j < end; j++)
        {
            int recorder = store.Taps[j].RecorderId;
            var b = _recorderOf[recorder]!;
            b.RecordSpike(recorder - b.FirstId, source + 1, stamp, multiplicity, in store.Taps[j]);
        }
    }

    /// <summary>
    /// When Simulate returns or throws: recorders hand over and flush their data in every case; a failure here is
    /// reported only when <paramref name="rethrow"/> (no other exception is on its way out, which it must not hide).
    /// </summary>
    public void Finish(bool rethrow)
    {
        NeuroKernelException? failure = null;
        // An index loop: foreach over the IReadOnlyList would box its enumerator at every Simulate call.
        var blocks = kernel.Nodes.Blocks;
        for (int i = 0; i < blocks.Count; i++)
        {
            try
            {
                blocks[i].Finish();
            }
            catch (NeuroKernelException ex)
            {
                failure ??= ex;
            }
        }

        if (rethrow && failure is not null)
        {
            throw failure;
        }
    }

    /// <summary>Closes the recorders' files (ResetKernel, Dispose).</summary>
    public void Close()
    {
        foreach (var b in kernel.Nodes.Blocks)
        {
            b.Close();
        }
    }
}
