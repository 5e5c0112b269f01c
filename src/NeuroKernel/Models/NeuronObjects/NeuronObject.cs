using NeuroKernel.Kernel;

namespace NeuroKernel.Models.NeuronObjects;

/// <summary>
/// One neuron of a model whose parameters include arrays of a length each neuron sets for itself: NEST's
/// <c>*_multisynapse</c> models (one spike port per element of their receptor arrays, e.g. <c>tau_syn</c>) and the gif
/// models (their adaptation kernels <c>q_sfa</c>/<c>tau_sfa</c>, <c>q_stc</c>/<c>tau_stc</c>). The kernel's
/// <see cref="NeuronObjectModel{TNeuron}"/> and <see cref="NeuronObjectBlock{TNeuron}"/> keep one object per neuron (a
/// copy of the model's defaults) and do the rest: status, ports, recordables, input buffers, spikes, random streams.
/// </summary>
/// <remarks>
/// With <see cref="HasSpikePorts"/>, connections address the ports as <c>receptor_type</c> 1 … <see cref="Ports"/>; each
/// port has its own ring channel, which holds the weights of either sign. Otherwise spikes arrive on receptor 0, split
/// by the weight's sign into an excitatory and an inhibitory input (as NEST's iaf_psc_* and gif models). Currents from
/// current generators arrive on receptor 0.
/// </remarks>
internal abstract class NeuronObject
{
    /// <summary>Refractory steps left.</summary>
    protected int Refractory;

    /// <summary>Whether spike weights must be ≥ 0 (the conductance-based multisynapse models; checked at Connect for weights given as numbers or arrays, and when a spike arrives).</summary>
    public virtual bool RefusesNegativeWeights => false;

    /// <summary>Whether spikes arrive on numbered ports (the multisynapse models) rather than split by sign on receptor 0.</summary>
    public virtual bool HasSpikePorts => true;

    /// <summary>The number of spike ports (NEST's <c>n_synapses</c> or <c>n_receptors</c>); 2 (excitatory, inhibitory) without ports.</summary>
    public virtual int Ports => 2;

    /// <summary>The neuron's own random stream (keyed by the kernel's seed and its node id), for models that draw.</summary>
    protected ulong Stream;

    /// <summary>The seed <see cref="Stream"/> was derived from (0 when never seeded).</summary>
    private ulong _seededWith;

    /// <summary>Derives the neuron's stream from the kernel's seed and its id when the seed is new (NEST draws per virtual process; a stream per neuron makes the draws independent of the thread count).</summary>
    public void Seed(ulong seed, int nodeId)
    {
        if (seed != _seededWith || _seededWith == 0)
        {
            Stream = Random.SplitMix64.Derive(seed, NeuronStreamKey, (ulong)nodeId);
            _seededWith = seed;
        }
    }

    private const ulong NeuronStreamKey = 0x6E6575726F6E;

    /// <summary>NEST's <c>has_connections</c>: a connection into a port exists, so the number of ports cannot change.</summary>
    public bool HasConnections { get; set; }

    /// <summary>The status key that reports the number of ports (NEST's name differs by model), or null for none.</summary>
    public virtual string? PortCountKey => null;

    /// <summary>The recordables that do not depend on the ports, in NEST's order.</summary>
    public abstract string[] FixedRecordables { get; }

    /// <summary>The prefix of the per-port recordables (<c>I_syn_</c>, <c>g_</c>): port k records as prefix + k; null for none.</summary>
    public virtual string? PortRecordablePrefix => null;

    /// <summary>Keys the neuron reports but does not take (e.g. per-port state arrays).</summary>
    public virtual string[] ReadOnlyKeys => [];

    /// <summary>The membrane time constant of the STDP trace (NEST's <c>tau_minus</c>, ms).</summary>
    public double TauMinus { get; protected set; } = 20.0;

    /// <summary>A deep copy (a new neuron from the defaults, or a candidate for a status change).</summary>
    public NeuronObject Clone()
    {
        var copy = (NeuronObject)MemberwiseClone();
        copy.CopyArrays();
        return copy;
    }

    /// <summary>Replaces every array the neuron holds by a copy (called on a <see cref="Clone"/>).</summary>
    protected abstract void CopyArrays();

    /// <summary>Parameters and state as NEST's status shows them (units in the model's docs).</summary>
    public abstract void Write(StatusDictionary d);

    /// <summary>
    /// Applies the entries of <paramref name="r"/> in NEST's order and checks the result; throws NEST's
    /// <see cref="BadPropertyException"/> (the caller works on a copy, so nothing changes when it throws).
    /// </summary>
    public abstract void Read(ParameterReader r);

    /// <summary>The constants for a run on <paramref name="grid"/> (NEST's pre_run_hook); resizes per-port state to the ports.</summary>
    public abstract void Prepare(TimeGrid grid);

    /// <summary>
    /// Advances the neuron by one step in NEST's order; <paramref name="input"/> holds the step's summed weights per port
    /// (index k for port k + 1), or without ports the excitatory sum (≥ 0) and the inhibitory one (≤ 0). Returns how often
    /// it fired. <paramref name="current"/> (pA) becomes the next step's stimulus.
    /// </summary>
    public abstract int Update(ReadOnlySpan<double> input, double current);

    /// <summary>A recordable's value: a fixed one or <see cref="PortRecordablePrefix"/> + port.</summary>
    public abstract double Record(string name);

    /// <summary>What the neuron can record: the fixed recordables, then one per port.</summary>
    public string[] Recordables()
    {
        if (PortRecordablePrefix is null)
        {
            return FixedRecordables;
        }

        var names = new string[FixedRecordables.Length + Ports];
        FixedRecordables.CopyTo(names, 0);
        for (int k = 0; k < Ports; k++)
        {
            names[FixedRecordables.Length + k] = PortRecordablePrefix + (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return names;
    }

    /// <summary>The port of a per-port recordable name (1-based), or 0 when <paramref name="name"/> is not one.</summary>
    protected int PortOf(string name)
    {
        if (PortRecordablePrefix is not null && name.StartsWith(PortRecordablePrefix, StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(PortRecordablePrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port)
            && port >= 1 && port <= Ports)
        {
            return port;
        }

        return 0;
    }

    /// <summary>
    /// NEST's rule for the receptor arrays: a neuron with connections keeps its number of ports (checked when an array of
    /// another length arrives); with <paramref name="onlyFewer"/>, as in NEST's aeif_cond_beta_multisynapse, it may gain ports.
    /// </summary>
    protected void CheckPortCountChange(string key, int before, int after, bool onlyFewer = false)
    {
        if ((onlyFewer ? after < before : after != before) && HasConnections)
        {
            throw new BadPropertyException(key,
                $"The neuron has connections, therefore the number of ports cannot be reduced. ({key} has {after} elements, the neuron {before} ports.)");
        }
    }
}
