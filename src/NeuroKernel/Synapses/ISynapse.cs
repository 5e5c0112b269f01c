using NeuroKernel.Models;

namespace NeuroKernel.Synapses;

/// <summary>
/// The code of a synapse model (NEST's connection type): its per-connection parameters and state are the fields of
/// <typeparamref name="TSelf"/>, its per-model ("common") properties those of <typeparamref name="TCommon"/>, and the
/// static methods say what happens when a spike passes. Register one with
/// <see cref="Simulator.RegisterSynapseModel{TSynapse, TCommon}"/>; <c>CopyModel</c>, <c>SetDefaults</c>,
/// <c>GetDefaults</c>, every connection rule and <c>GetConnections</c> then work with it as with <c>static_synapse</c>.
/// </summary>
/// <remarks>
/// <para>Connections are stored per synapse type, so a type pays only for what it declares: <c>static_synapse</c> has
/// no per-connection state and its connections cost 2 bytes each. A plastic type (<see cref="IsStatic"/> false) gets
/// its weight, its <typeparamref name="TSelf"/> value and the time of its last presynaptic spike stored per connection.</para>
/// <para>When a presynaptic spike is delivered over a connection, the kernel first calls <see cref="OnPostSpike"/> for
/// every spike of the postsynaptic neuron since the connection's last presynaptic spike (if the type
/// <see cref="ReadsPostSpikes"/>; the neuron then keeps a history of its spikes, NEST's archiving node), in time
/// order, then <see cref="OnPreSpike"/>, and delivers the weight the connection then has: NEST's order in
/// <c>stdp_synapse::send</c>. The delay is dendritic, as in NEST: the postsynaptic spike at t reaches the synapse at
/// t + delay. The methods run on the thread that owns the target neuron and must not allocate.</para>
/// </remarks>
/// <typeparam name="TSelf">The per-connection parameters and state (a struct).</typeparam>
/// <typeparam name="TCommon">The properties the connections of one synapse model share (a struct; <see cref="NoCommonProperties"/> for none).</typeparam>
public interface ISynapse<TSelf, TCommon>
    where TSelf : struct, ISynapse<TSelf, TCommon>
    where TCommon : struct
{
    /// <summary>The per-connection parameters and state of a new synapse model's connections (NEST's defaults).</summary>
    static abstract TSelf Defaults { get; }

    /// <summary>A new synapse model's common properties.</summary>
    static abstract TCommon CommonDefaults { get; }

    /// <summary>True when the connections never change (no state, a fixed weight): their weights may then be stored once per group.</summary>
    static abstract bool IsStatic { get; }

    /// <summary>True when <see cref="OnPostSpike"/> is to be called: the neurons such connections target keep a spike history.</summary>
    static abstract bool ReadsPostSpikes { get; }

    /// <summary>
    /// Reads the per-connection keys this type knows (not <c>weight</c> or <c>delay</c>) into a copy of
    /// <paramref name="current"/> and checks them: <c>SetDefaults</c>, <c>CopyModel</c>, a <c>syn_spec</c>. Keys it
    /// does not read are refused afterwards.
    /// </summary>
    /// <param name="current">The values to start from.</param>
    /// <param name="reader">The user's entries.</param>
    /// <returns>The new values.</returns>
    /// <exception cref="BadPropertyException">A value is invalid.</exception>
    static abstract TSelf Read(in TSelf current, ParameterReader reader);

    /// <summary>Reads the common keys this type knows into a copy of <paramref name="current"/> (<c>SetDefaults</c>, <c>CopyModel</c>).</summary>
    /// <param name="current">The values to start from.</param>
    /// <param name="reader">The user's entries.</param>
    /// <returns>The new values.</returns>
    /// <exception cref="BadPropertyException">A value is invalid.</exception>
    static abstract TCommon ReadCommon(in TCommon current, ParameterReader reader);

    /// <summary>Writes the per-connection keys (for <c>GetDefaults</c>).</summary>
    /// <param name="connection">The values.</param>
    /// <param name="status">Where to write them.</param>
    static abstract void Write(in TSelf connection, StatusDictionary status);

    /// <summary>Writes the common keys (for <c>GetDefaults</c>).</summary>
    /// <param name="common">The values.</param>
    /// <param name="status">Where to write them.</param>
    static abstract void WriteCommon(in TCommon common, StatusDictionary status);

    /// <summary>A postsynaptic spike reaches the connection (once per spike, in time order, before the next presynaptic spike passes).</summary>
    /// <param name="connection">The connection's parameters and state.</param>
    /// <param name="weight">The connection's weight (pA, or mV for voltage-jump neurons), to update.</param>
    /// <param name="common">The model's common properties.</param>
    /// <param name="spike">When the spike happened and reached the synapse.</param>
    static abstract void OnPostSpike(ref TSelf connection, ref double weight, in TCommon common, in PostSpike spike);

    /// <summary>A presynaptic spike passes the connection; the event then carries <see cref="Transmitted"/> of the weight the connection has afterwards.</summary>
    /// <param name="connection">The connection's parameters and state.</param>
    /// <param name="weight">The connection's weight, to update.</param>
    /// <param name="common">The model's common properties.</param>
    /// <param name="spike">When the spike was sent, when the last one was, and the delay.</param>
    static abstract void OnPreSpike(ref TSelf connection, ref double weight, in TCommon common, in PreSpike spike);

    /// <summary>
    /// The weight part of <see cref="OnPreSpike"/> alone, from the state as it was before the spike: for a type whose state
    /// <see cref="StateIsPresynaptic"/>, the kernel runs <see cref="OnPreSpike"/> once per source and thread and this for the
    /// source's other connections, so that the state's update (an exponential, say) is computed once. By default it runs
    /// <see cref="OnPreSpike"/> on a copy of the state.
    /// </summary>
    /// <param name="connection">The connection's parameters and state before the spike.</param>
    /// <param name="weight">The connection's weight, to update.</param>
    /// <param name="common">The model's common properties.</param>
    /// <param name="spike">When the spike was sent, when the last one was, and the delay.</param>
    static virtual void OnPreSpikeWeight(in TSelf connection, ref double weight, in TCommon common, in PreSpike spike)
    {
        var copy = connection;
        TSelf.OnPreSpike(ref copy, ref weight, common, spike);
    }

    /// <summary>
    /// A time-driven update of the connection without a spike (NEST's <c>trigger_update_weight</c>): the model's
    /// <c>volume_transmitter</c> triggers every deliver_interval × min_delay, after <see cref="OnPostSpike"/> has run for the
    /// postsynaptic spikes that reached the connection since its last update. <see cref="PreSpike.TimeMs"/> is the trigger
    /// time, <see cref="PreSpike.LastTimeMs"/> the connection's last update, <see cref="PreSpike.Multiplicity"/> 0; the
    /// next spike's <see cref="PreSpike.LastTimeMs"/> is the trigger time. Nothing by default.
    /// </summary>
    /// <param name="connection">The connection's parameters and state.</param>
    /// <param name="weight">The connection's weight, to update.</param>
    /// <param name="common">The model's common properties.</param>
    /// <param name="trigger">The trigger time, the last update and the delay.</param>
    static virtual void OnTrigger(ref TSelf connection, ref double weight, in TCommon common, in PreSpike trigger)
    {
    }

    /// <summary>
    /// The weight the spike that just passed (<see cref="OnPreSpike"/>) carries to the target: the connection's weight unless
    /// the model sends a part of it (short-term plasticity sends u·x·weight while the connection keeps its weight).
    /// </summary>
    /// <param name="connection">The connection's parameters and state after the spike.</param>
    /// <param name="weight">The connection's weight after the spike.</param>
    /// <returns>The weight of the event (pA, or mV for voltage-jump neurons).</returns>
    static virtual double Transmitted(in TSelf connection, double weight) => weight;

    /// <summary>
    /// False when the spike that just passed (<see cref="OnPreSpike"/>) is not transmitted at all (quantal_stp_synapse when no
    /// release site released): the target gets no event, and a weight_recorder records none. True by default.
    /// </summary>
    /// <param name="connection">The connection's parameters and state after the spike.</param>
    /// <returns>True when the target gets the event.</returns>
    static virtual bool IsSent(in TSelf connection) => true;

    /// <summary>
    /// True when the per-connection state (<typeparamref name="TSelf"/>) changes only with the presynaptic spikes, never
    /// with the weight, the postsynaptic spikes or a trigger: <see cref="OnPreSpike"/> changes it the same way for every
    /// connection of a source, and <see cref="OnPostSpike"/> does not change it (stdp_synapse_hom's and
    /// stdp_pl_synapse_hom's presynaptic trace Kplus). The kernel then keeps one state per source and thread while every
    /// connection of the source has the same, instead of one per connection. False by default.
    /// </summary>
    static virtual bool StateIsPresynaptic => false;

    /// <summary>True when the type draws random numbers: each new connection then gets its own stream (<see cref="Seed"/>).</summary>
    static virtual bool DrawsRandomNumbers => false;

    /// <summary>
    /// Gives a new connection of a type that <see cref="DrawsRandomNumbers"/> the seed of its own random stream, once, when the
    /// connection is stored. The seed is derived from the kernel's <c>rng_seed</c>, the synapse model, the source, the target
    /// and the connection's ordinal among those of the same model between the same two nodes, never from a thread: results
    /// stay the same for any number of threads.
    /// </summary>
    /// <param name="connection">The connection's initial parameters and state.</param>
    /// <param name="seed">64 random bits.</param>
    static virtual void Seed(ref TSelf connection, ulong seed)
    {
    }

    /// <summary>
    /// Refuses a weight that does not suit the connection, e.g. NEST's "Weight and Wmax must have same sign." Called for the
    /// model's default weight (SetDefaults, CopyModel) and for every connection's weight at Connect. Accepts any by default.
    /// </summary>
    /// <param name="connection">The connection's initial parameters.</param>
    /// <param name="common">The model's common properties.</param>
    /// <param name="weight">The weight.</param>
    /// <exception cref="BadPropertyException">The weight does not suit.</exception>
    static virtual void CheckWeight(in TSelf connection, in TCommon common, double weight)
    {
    }
}
