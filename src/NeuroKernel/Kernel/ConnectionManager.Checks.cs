using System.Numerics.Tensors;
using NeuroKernel.Connectivity;
using NeuroKernel.Models;
using NeuroKernel.Recording;
using NeuroKernel.Synapses;

namespace NeuroKernel.Kernel;

internal sealed partial class ConnectionManager
{
    /// <summary>Checks that every node exists and can send spikes or currents (not both in one call).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private SourceKinds CheckSources(NodeCollection pre)
    {
        bool perTarget = false, currents = false, spikes = false;
        Nodes.ForEachBlockSegment(pre, (b, _, _) =>
        {
            RequireSender(b);
            perTarget |= b.Model.SendsPerTargetSpikes;
            currents |= b.Model.SendsCurrents;
            spikes |= b.Model.SendsSpikes;
        });
        return Kinds(perTarget, currents, spikes);
    }

    private static void RequireSender(NodeBlock b)
    {
        if (b.Model.SourceRefusal is { } why)
        {
            throw new IllegalConnectionException($"{b.Model.Name} (node {b.FirstId}) cannot be the source of a connection: {why}.");
        }

        if (!b.Model.SendsSpikes && !b.Model.SendsCurrents)
        {
            throw new IllegalConnectionException($"{b.Model.Name} (node {b.FirstId}) cannot send spikes or currents, so it cannot be the source of a connection.");
        }
    }

    private static SourceKinds Kinds(bool perTarget, bool currents, bool spikes) => currents && spikes
        ? throw new IllegalConnectionException("One Connect call cannot mix current generators with spike sources; connect them separately.")
        : new SourceKinds(perTarget, currents);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private SourceKinds CheckSourceIds(ReadOnlySpan<int> sources)
    {
        int min = TensorPrimitives.Min(sources);
        int max = TensorPrimitives.Max(sources);

        var first = Nodes.FindBlock(min);
        Nodes.FindBlock(max);
        if (max < first.FirstId + first.Count)
        {
            // All sources in one block: one check covers them (no collection, no closure: this runs once per target).
            RequireSender(first);
            return Kinds(first.Model.SendsPerTargetSpikes, first.Model.SendsCurrents, first.Model.SendsSpikes);
        }

        return CheckSources(NodeCollection.FromIds(sources));
    }

    private void CheckTargets(NodeCollection post, SourceKinds kinds) =>
        Nodes.ForEachBlockSegment(post, (b, first, count) => CheckTargetBlock(b, first, kinds, count));

    /// <summary>After a Connect call into <paramref name="post"/> succeeded: models with numbered spike ports note that their nodes have connections.</summary>
    private void MarkConnected(NodeCollection post, SourceKinds kinds)
    {
        if (!kinds.Currents)
        {
            Nodes.ForEachBlockSegment(post, (b, first, count) => MarkConnected(b, first, kinds, count));
        }
    }

    private static void MarkConnected(NodeBlock b, int id, SourceKinds kinds, int count = 1)
    {
        if (b.Model.HasSpikePorts && !kinds.Currents)
        {
            for (int i = 0; i < count; i++)
            {
                b.MarkConnected(id - b.FirstId + i);
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void CheckTargetBlock(NodeBlock b, int id, SourceKinds kinds, int count = 1)
    {
        if (kinds.Currents)
        {
            if (!b.Model.ReceivesCurrents)
            {
                throw new IllegalConnectionException($"{b.Model.Name} (node {id}) cannot receive currents, so a current generator cannot be connected to it.");
            }

            if (kinds.Receptor >= b.Model.CurrentReceptors)
            {
                throw new IncompatibleReceptorTypeException(
                    $"Unknown receptor type: {b.Model.Name} (node {id}) takes currents on receptor_type 0 … {b.Model.CurrentReceptors - 1} (receptor_type = {kinds.Receptor}).");
            }

            return;
        }

        if (!b.Model.TakesSpikesOn(kinds.Receptor))
        {
            throw new IncompatibleReceptorTypeException($"Unknown receptor type: {b.Model.Name} (node {id}) takes spikes on receptor_type {b.Model.SpikePortList} only (receptor_type = {kinds.Receptor}).");
        }

        if (b.Model.HasSpikePorts)
        {
            if (kinds.NegativeWeight && b.Model.RefusesNegativeWeights)
            {
                throw new BadPropertyException(ParameterNames.Weight,
                    $"Synaptic weights for conductance-based multisynapse models must be positive. ({b.Model.Name}, node {id}: a weight is negative.)");
            }

            for (int i = 0; i < count; i++)
            {
                b.CheckSpikePort(id - b.FirstId + i, kinds.Receptor);
            }
        }

        if (b.Model.RecordsSpikes)
        {
            for (int i = 0; i < count; i++)
            {
                b.CheckRecorderPort(id - b.FirstId + i, kinds.Receptor);
            }
        }

        if (!b.Model.ReceivesSpikes && !b.Model.RecordsSpikes)
        {
            throw new IllegalConnectionException($"{b.Model.Name} (node {id}) cannot receive spikes, so it cannot be the target of a connection.");
        }

    }

    /// <summary>The ring-buffer channel a connection into <paramref name="target"/> uses: the one its model's receptor declares.</summary>
    internal static InputChannel ChannelFor(NodeBlock target, SourceKinds kinds) => target.Model.ChannelFor(kinds.Currents, kinds.Receptor);

    /// <summary>True when the first source samples state (multimeter): then all sources must.</summary>
    private bool IsSampler(NodeCollection pre)
    {
        bool any = false, all = true;
        Nodes.ForEachBlockSegment(pre, (b, _, _) =>
        {
            any |= b.Model.SamplesState;
            all &= b.Model.SamplesState;
        });
        return any && (all ? true : throw new IllegalConnectionException("One Connect call cannot mix multimeters with other sources."));
    }

    /// <summary>Multimeter → neurons: the multimeter is the source, as in NEST. Returns the number of connections.</summary>
    private long ConnectSamplers(NodeCollection post, IEnumerable<(int Source, int Target)> rulePairs, SamplerTapInfo info)
    {
        Nodes.ForEachBlockSegment(post, (b, first, _) =>
        {
            if (b.Model.Recordables.Count == 0)
            {
                throw new IllegalConnectionException($"{b.Model.Name} (node {first}) has no recordables, so a multimeter cannot be connected to it.");
            }
        });
        var pairs = rulePairs.Select(p => new SamplerTap(p.Source, p.Target, info)).ToList();
        foreach (var (m, t, _) in pairs)
        {
            var meterBlock = Nodes.FindBlock(m);
            var target = Nodes.FindBlock(t);
            foreach (string name in meterBlock.SampledRecordables(m - meterBlock.FirstId))
            {
                var recordables = target.RecordablesOf(t - target.FirstId);
                if (!recordables.Contains(name))
                {
                    throw new IllegalConnectionException(
                        $"Cannot connect with unknown recordable {name}: {target.Model.Name} (node {t}) records [{string.Join(", ", recordables)}] (record_from of node {m} = [{string.Join(", ", meterBlock.SampledRecordables(m - meterBlock.FirstId))}]).");
                }
            }
        }

        foreach (var (m, _, _) in pairs)
        {
            var b = Nodes.FindBlock(m);
            b.MarkSamplerConnected(m - b.FirstId);
        }

        kernel.Recording.AddSamplerTaps(pairs);
        return pairs.Count;
    }
}
