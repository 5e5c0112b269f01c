using NeuroKernel.Delivery;
using NeuroKernel.Models;

namespace NeuroKernel.Synapses;

/// <summary>
/// A synapse model's code and typed defaults, behind one non-generic face for the registry and the store: the
/// per-connection defaults and common properties of one model (a CopyModel copy has its own), reading and writing them,
/// and making the model's connection groups (<see cref="ConnectionGroup{TSynapse, TCommon}"/>).
/// </summary>
internal abstract class SynapseType
{
    /// <summary>True when the connections never change: no per-connection state, weights per group when uniform.</summary>
    public abstract bool IsStatic { get; }

    /// <summary>True when the connections read the postsynaptic neurons' spikes (the neurons then keep an archive).</summary>
    public abstract bool ReadsPostSpikes { get; }

    /// <summary>The type of this synapse type's connection groups (for the warm-up).</summary>
    public abstract Type GroupType { get; }

    /// <summary>A copy with the same defaults, for CopyModel.</summary>
    public abstract SynapseType Clone();

    /// <summary>Reads the type's keys of a SetDefaults or CopyModel dictionary; returns what commits them (nothing changes before).</summary>
    public abstract Action ReadDefaults(ParameterReader reader, double weight);

    /// <summary>Refuses a connection weight that does not suit the initial values numbered <paramref name="variant"/> (<see cref="ISynapse{TSelf, TCommon}.CheckWeight"/>).</summary>
    public abstract void CheckWeight(int variant, double weight);

    /// <summary>Writes the per-connection defaults and common properties.</summary>
    public abstract void WriteDefaults(StatusDictionary d);

    /// <summary>
    /// The initial per-connection values for one Connect call: the defaults changed by the syn_spec's keys of this type
    /// (weight, delay, synapse_model and receptor_type are not the type's). Returns their number, which becomes part of
    /// the group key, so that connections made with other values keep them; static types always answer 0.
    /// </summary>
    /// <exception cref="BadPropertyException">A key is unknown or a value is invalid.</exception>
    public abstract int InitialValuesFor(StatusDictionary? synapseParameters);

    /// <summary>A group of this type's connections.</summary>
    public abstract ConnectionGroup CreateGroup(ConnectionGroupKey key, ReceiverPartitioning partitions, int[] index, ArraySegment<ushort> targets,
        ArraySegment<double> weights, int[]? delays);
}

/// <summary>The typed synapse model: defaults, common properties, and the initial values captured at Connect.</summary>
internal sealed class SynapseType<TSynapse, TCommon> : SynapseType
    where TSynapse : struct, ISynapse<TSynapse, TCommon>
    where TCommon : struct
{
    private readonly List<TSynapse> _initialValues;

    public SynapseType() : this(TSynapse.Defaults, TSynapse.CommonDefaults, []) { }

    private SynapseType(TSynapse defaults, TCommon common, List<TSynapse> initialValues)
    {
        Defaults = defaults;
        Common = common;
        _initialValues = initialValues;
    }

    /// <summary>The per-connection values new connections start from.</summary>
    public TSynapse Defaults { get; private set; }

    /// <summary>The properties all connections of this model share.</summary>
    public TCommon Common { get; private set; }

    public override bool IsStatic => TSynapse.IsStatic;

    public override bool ReadsPostSpikes => TSynapse.ReadsPostSpikes;

    /// <summary>The initial values of connections whose group key has <paramref name="number"/>.</summary>
    public TSynapse InitialValues(int number) => number < _initialValues.Count ? _initialValues[number] : Defaults;

    public override Type GroupType => typeof(ConnectionGroup<TSynapse, TCommon>);

    public override SynapseType Clone() => new SynapseType<TSynapse, TCommon>(Defaults, Common, []);

    public override Action ReadDefaults(ParameterReader reader, double weight)
    {
        var defaults = TSynapse.Read(Defaults, reader);
        var common = TSynapse.ReadCommon(Common, reader);
        TSynapse.CheckWeight(defaults, common, weight);
        return () => (Defaults, Common) = (defaults, common);
    }

    public override void CheckWeight(int variant, double weight) => TSynapse.CheckWeight(InitialValues(variant), Common, weight);

    public override void WriteDefaults(StatusDictionary d)
    {
        TSynapse.Write(Defaults, d);
        TSynapse.WriteCommon(Common, d);
    }

    public override int InitialValuesFor(StatusDictionary? synapseParameters)
    {
        var values = Defaults;
        if (synapseParameters is { Count: > 0 })
        {
            var reader = new ParameterReader(synapseParameters, "syn_spec");
            values = TSynapse.Read(Defaults, reader);
            reader.ThrowIfUnused(SynapseRegistry.ReadOnlyKeys);
        }

        if (TSynapse.IsStatic)
        {
            return 0;
        }

        int found = _initialValues.LastIndexOf(values);
        if (found >= 0)
        {
            return found;
        }

        _initialValues.Add(values);
        return _initialValues.Count - 1;
    }

    public override ConnectionGroup CreateGroup(ConnectionGroupKey key, ReceiverPartitioning partitions, int[] index, ArraySegment<ushort> targets,
        ArraySegment<double> weights, int[]? delays) =>
        new ConnectionGroup<TSynapse, TCommon>(this, key, partitions, index, targets, weights, delays);
}
