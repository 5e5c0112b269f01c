using NeuroKernel.Models;

namespace NeuroKernel.Synapses;

/// <summary>
/// <c>static_synapse</c>: a fixed weight and delay, nothing else. Its groups store no per-connection state, so a
/// connection costs 2 bytes (its target) when the group's weight and delay are uniform.
/// </summary>
internal readonly struct StaticSynapse : ISynapse<StaticSynapse, NoCommonProperties>
{
    public static StaticSynapse Defaults => default;

    public static NoCommonProperties CommonDefaults => default;

    public static bool IsStatic => true;

    public static bool ReadsPostSpikes => false;

    public static StaticSynapse Read(in StaticSynapse current, ParameterReader reader) => current;

    public static NoCommonProperties ReadCommon(in NoCommonProperties current, ParameterReader reader) => current;

    public static void Write(in StaticSynapse connection, StatusDictionary status) { }

    public static void WriteCommon(in NoCommonProperties common, StatusDictionary status) { }

    public static void OnPostSpike(ref StaticSynapse connection, ref double weight, in NoCommonProperties common, in PostSpike spike) { }

    public static void OnPreSpike(ref StaticSynapse connection, ref double weight, in NoCommonProperties common, in PreSpike spike) { }
}
