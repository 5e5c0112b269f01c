using NeuroKernel.Kernel;
namespace NeuroKernel.Connectivity;

/// <summary>
/// A rule whose pairs follow from the collections alone (all_to_all, one_to_one): with one weight and one delay the
/// kernel takes its fast path, which stores the connections as runs and draws nothing, and multimeters may be
/// connected with it.
/// </summary>
internal interface IPairRule
{
    /// <summary>Makes the connections with the writer's uniform weight and delay; returns how many.</summary>
    long ConnectUniform(NodeCollection pre, NodeCollection post, bool autapses, ConnectionWriter writer);

    /// <summary>The (source, target) pairs in the order the rule makes them (for multimeters, which are not stored as synapses).</summary>
    IEnumerable<(int Source, int Target)> Pairs(NodeCollection pre, NodeCollection post);
}
