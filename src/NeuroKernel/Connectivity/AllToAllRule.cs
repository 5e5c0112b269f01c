using NeuroKernel.Kernel;
using System.Runtime.InteropServices;
using NeuroKernel.Models;
using NeuroKernel.Synapses;

namespace NeuroKernel.Connectivity;

/// <summary>
/// <c>all_to_all</c> (the default rule): every source to every target. Weight and delay arrays have the shape
/// [targets, sources]. With one weight and one delay the connections are stored as runs of one source to many targets
/// or many sources to one target, whichever are fewer.
/// </summary>
internal sealed class AllToAllRule() : ConnectionRule<AllToAllRule.None>(Name), IPairRule
{
    public new const string Name = "all_to_all";

    /// <summary>all_to_all has no parameters of its own.</summary>
    internal readonly record struct None;

    protected override None ReadParameters(ParameterReader reader) => default;

    protected override ArrayShape ArrayShape(in None parameters, int sources, int targets) =>
        Connectivity.ArrayShape.Matrix(targets, sources);

    protected override double PlannedConnections(in None parameters, int sources, int targets) => (double)sources * targets;

    protected override void Connect(in None parameters, in ConnectionRequest request)
    {
        var sources = request.Sources;
        var chosen = new List<int>(sources.Length);
        var index = new List<int>(sources.Length);
        for (int j = 0; j < request.Targets.Length; j++)
        {
            int target = request.Targets[j];
            chosen.Clear();
            index.Clear();
            for (int i = 0; i < sources.Length; i++)
            {
                if (request.AllowAutapses || sources[i] != target)
                {
                    chosen.Add(sources[i]);
                    index.Add(j * sources.Length + i);
                }
            }

            request.Connect(target, CollectionsMarshal.AsSpan(chosen), CollectionsMarshal.AsSpan(index));
        }
    }

    public IEnumerable<(int Source, int Target)> Pairs(NodeCollection pre, NodeCollection post)
    {
        foreach (int m in pre)
        {
            foreach (int t in post)
            {
                yield return (m, t);
            }
        }
    }

    public long ConnectUniform(NodeCollection pre, NodeCollection post, bool autapses, ConnectionWriter writer)
    {
        int[] sourceIndices = pre.ToArray();
        for (int i = 0; i < sourceIndices.Length; i++)
        {
            sourceIndices[i]--;
        }

        // Neuron targets by channel (parrots count spikes, others weigh them); recorders separately.
        // One list pair per channel, indexed by the channel's value: the groups are made in channel order.
        var byChannel = new (List<int> Receivers, List<int> Ids)?[(int)InputChannel.Discard + 1];
        var recorders = new List<int>();
        writer.ForEachBlockSegment(post, (b, first, count) =>
        {
            if (b.Model.RecordsSpikes)
            {
                for (int id = first; id < first + count; id++)
                {
                    recorders.Add(id);
                }

                return;
            }

            // A block's nodes share a model, so they share a channel.
            var (receivers, ids) = byChannel[(int)writer.ChannelFor(b)] ??= ([], []);
            for (int id = first; id < first + count; id++)
            {
                receivers.Add(b.ReceiverOf(id));
                ids.Add(id);
            }
        });

        long made = 0;
        for (int channel = 0; channel < byChannel.Length; channel++)
        {
            if (byChannel[channel] is var (receivers, ids))
            {
                made += ToNeurons(sourceIndices, receivers, ids, writer.Group((InputChannel)channel), autapses);
            }
        }

        foreach (int rec in recorders)
        {
            foreach (int s in sourceIndices)
            {
                if (autapses || s + 1 != rec)
                {
                    writer.AddTap(s, rec);
                    made++;
                }
            }
        }

        return made;
    }

    /// <summary>All sources to all receivers, stored as source runs or target runs, whichever are fewer.</summary>
    private static long ToNeurons(int[] sourceIndices, List<int> receivers, List<int> receiverIds, ConnectionGroupBuilder group, bool autapses)
    {
        long made = 0;
        if (sourceIndices.Length <= receivers.Count)
        {
            int[] buffer = new int[receivers.Count];
            foreach (int s in sourceIndices)
            {
                int n = 0;
                for (int j = 0; j < receivers.Count; j++)
                {
                    if (autapses || receiverIds[j] != s + 1)
                    {
                        buffer[n++] = receivers[j];
                    }
                }

                group.AddFromSource(s, buffer.AsSpan(0, n));
                made += n;
            }
        }
        else
        {
            int[] buffer = new int[sourceIndices.Length];
            for (int j = 0; j < receivers.Count; j++)
            {
                int n = 0;
                foreach (int s in sourceIndices)
                {
                    if (autapses || receiverIds[j] != s + 1)
                    {
                        buffer[n++] = s;
                    }
                }

                group.AddToTarget(buffer.AsSpan(0, n), receivers[j]);
                made += n;
            }
        }

        return made;
    }
}
