namespace NeuroKernel;

/// <summary>NEST's names of the built-in models (NEST's <c>nest_names.h</c>, the part NeuroKernel implements).</summary>
public static class ModelNames
{
    /// <summary>Leaky integrate-and-fire neuron with alpha-shaped post-synaptic currents.</summary>
    public const string IafPscAlpha = "iaf_psc_alpha";

    /// <summary>Leaky integrate-and-fire neuron whose input spikes are voltage jumps.</summary>
    public const string IafPscDelta = "iaf_psc_delta";

    /// <summary>Leaky integrate-and-fire neuron with exponentially decaying post-synaptic currents.</summary>
    public const string IafPscExp = "iaf_psc_exp";

    /// <summary>Neuron that repeats every spike it receives.</summary>
    public const string ParrotNeuron = "parrot_neuron";

    /// <summary>Constant current generator.</summary>
    public const string DcGenerator = "dc_generator";

    /// <summary>Samples recordables of neurons.</summary>
    public const string Multimeter = "multimeter";

    /// <summary>A multimeter recording V_m.</summary>
    public const string Voltmeter = "voltmeter";

    /// <summary>Poisson spike generator: an independent Poisson train for each target.</summary>
    public const string PoissonGenerator = "poisson_generator";

    /// <summary>Generator that emits spikes at given times.</summary>
    public const string SpikeGenerator = "spike_generator";

    /// <summary>Records spikes (NEST 3 name).</summary>
    public const string SpikeRecorder = "spike_recorder";

    /// <summary>Recorder of the weights plastic connections transmit (set as a synapse model's <c>weight_recorder</c>).</summary>
    public const string WeightRecorder = "weight_recorder";

    /// <summary>Collects the spikes of a neuromodulatory population for the synapses that read them (set as stdp_dopamine_synapse's <c>volume_transmitter</c>).</summary>
    public const string VolumeTransmitter = "volume_transmitter";

    /// <summary>NEST 2 name of <see cref="SpikeRecorder"/>.</summary>
    public const string SpikeDetector = "spike_detector";

    /// <summary>Static synapse with a fixed weight and delay.</summary>
    public const string StaticSynapse = "static_synapse";

    /// <summary>Short-term plasticity after Tsodyks, Uziel &amp; Markram (2000), with the active pool y.</summary>
    public const string TsodyksSynapse = "tsodyks_synapse";

    /// <summary>Short-term plasticity after Tsodyks &amp; Markram (1997) and Maass &amp; Markram (2002), without y.</summary>
    public const string Tsodyks2Synapse = "tsodyks2_synapse";

    /// <summary>Stochastic short-term plasticity with quantal release from n sites (Fuhrmann et al. 2002, Loebel et al. 2009).</summary>
    public const string QuantalStpSynapse = "quantal_stp_synapse";

    /// <summary>Dopamine-modulated STDP (Izhikevich 2007, Potjans et al. 2010); parameters common to the model, dopamine from its volume_transmitter.</summary>
    public const string StdpDopamineSynapse = "stdp_dopamine_synapse";

    /// <summary>Pair-based STDP with weight dependence (Guetig et al. 2003); every parameter per connection.</summary>
    public const string StdpSynapse = "stdp_synapse";

    /// <summary><see cref="StdpSynapse"/> with its parameters common to all connections of the model.</summary>
    public const string StdpSynapseHom = "stdp_synapse_hom";

    /// <summary>STDP with power-law weight dependence (Morrison et al. 2007), parameters common to the model.</summary>
    public const string StdpPowerLawSynapseHom = "stdp_pl_synapse_hom";

    /// <summary>Suffix of NEST's <c>_hpc</c> variants (<c>static_synapse_hpc</c>, <c>stdp_pl_synapse_hom_hpc</c>, …): the same models under a second name.</summary>
    public const string HpcSuffix = "_hpc";

    /// <summary>Symmetric STDP with constant depression (Vogels et al. 2011), for inhibitory synapses.</summary>
    public const string VogelsSprekelerSynapse = "vogels_sprekeler_synapse";
}

/// <summary>NEST's names of parameters, status keys and kernel keys.</summary>
public static class ParameterNames
{
    /// <summary>weight_recorder: the weight_recorder node of a synapse model.</summary>
    public const string WeightRecorder = "weight_recorder";

    /// <summary>volume_transmitter: the synapse model's volume transmitter (stdp_dopamine_synapse, a NodeCollection of one).</summary>
    public const string VolumeTransmitter = "volume_transmitter";

    /// <summary>deliver_interval: how often a volume_transmitter triggers its synapses, in min_delay intervals.</summary>
    public const string DeliverInterval = "deliver_interval";

    /// <summary>tau_minus: time constant of a neuron's STDP trace K⁻ (ms).</summary>
    public const string TauMinus = "tau_minus";

#pragma warning disable CS1591 // the names document themselves; units are on the model classes
    public const string VM = "V_m";
    public const string EL = "E_L";
    public const string CM = "C_m";
    public const string TauM = "tau_m";
    public const string TRef = "t_ref";
    public const string VTh = "V_th";
    public const string VReset = "V_reset";
    public const string TauSynExcitatory = "tau_syn_ex";
    public const string TauSynInhibitory = "tau_syn_in";
    public const string IE = "I_e";
    public const string VMin = "V_min";
    public const string ISynExcitatory = "I_syn_ex";
    public const string ISynInhibitory = "I_syn_in";
    public const string Rate = "rate";
    public const string Start = "start";
    public const string Stop = "stop";
    public const string Origin = "origin";
    public const string SpikeTimes = "spike_times";
    public const string Weight = "weight";
    public const string Delay = "delay";
    public const string SynapseModel = "synapse_model";
    public const string NumConnections = "num_connections";
    public const string Rule = "rule";
    public const string NEvents = "n_events";
    public const string Events = "events";
    public const string Senders = "senders";
    public const string Times = "times";
    public const string Label = "label";
    public const string RecordTo = "record_to";
    public const string WithGid = "withgid";
    public const string WithTime = "withtime";
    public const string ToFile = "to_file";
    public const string ToMemory = "to_memory";
    public const string Model = "model";
    public const string GlobalId = "global_id";
    public const string ElementType = "element_type";
    public const string Recordables = "recordables";
    public const string ReceptorTypes = "receptor_types";
    public const string ReceptorType = "receptor_type";
    public const string HasConnections = "has_connections";
    public const string Resolution = "resolution";
    public const string PrintTime = "print_time";
    public const string OverwriteFiles = "overwrite_files";
    public const string DataPath = "data_path";
    public const string DataPrefix = "data_prefix";
    public const string RngSeed = "rng_seed";
    public const string LocalNumThreads = "local_num_threads";
    public const string BiologicalTime = "biological_time";
    public const string NetworkSize = "network_size";
    public const string MinDelay = "min_delay";
    public const string MaxDelay = "max_delay";
#pragma warning restore CS1591
}
