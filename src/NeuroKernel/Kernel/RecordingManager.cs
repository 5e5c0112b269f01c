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
    }

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
            foreach (var source in received)
            {
                var local = source.Spikes.Local(lag);
                var multiplicity = source.Spikes.Multiplicity(lag);
                _spikes += local.Length;
                for (int k = 0; k < local.Length; k++)
                {
                    RecordSpike(source.FirstIndex + local[k], stamp, multiplicity[k]);
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
            b.RecordSpike(recorder - b.FirstId, source + 1, stamp, multiplicity);
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
