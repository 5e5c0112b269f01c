namespace NeuroKernel;

/// <summary>
/// A synapse specification (PyNEST's <c>syn_spec</c>): a synapse model name such as <c>"excitatory"</c>,
/// or a dictionary with <c>synapse_model</c> (default <c>static_synapse</c>), <c>weight</c> (pA) and
/// <c>delay</c> (ms). Strings and dictionaries convert implicitly.
/// </summary>
public sealed class SynSpec
{
    /// <summary>Creates a specification.</summary>
    /// <param name="model">The synapse model name.</param>
    /// <param name="weight">The weight (pA, mV for voltage-jump neurons), or null for the model's default.</param>
    /// <param name="delay">The delay (ms), or null for the model's default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public SynSpec(string model, double? weight = null, double? delay = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Weight = weight;
        Delay = delay;
    }

    /// <summary>The synapse model name.</summary>
    public string Model { get; }

    /// <summary>The weight, or null for the model's default.</summary>
    public double? Weight { get; }

    /// <summary>The delay (ms), or null for the model's default.</summary>
    public double? Delay { get; }

    /// <summary>A specification that uses a model's defaults.</summary>
    /// <param name="model">The synapse model name.</param>
    public static implicit operator SynSpec(string model) => new(model);

    /// <summary>A specification from a dictionary.</summary>
    /// <param name="spec">The dictionary.</param>
    public static implicit operator SynSpec(StatusDictionary spec) => FromDictionary(spec);

    /// <summary>A specification from a model name.</summary>
    /// <param name="model">The synapse model name.</param>
    /// <returns>The specification.</returns>
    public static SynSpec FromString(string model) => new(model);

    /// <summary>A specification from a dictionary with <c>synapse_model</c>, <c>weight</c> and <c>delay</c>.</summary>
    /// <param name="spec">The dictionary.</param>
    /// <returns>The specification.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    /// <exception cref="BadPropertyException">A key is unknown or a value has the wrong type.</exception>
    public static SynSpec FromDictionary(StatusDictionary spec)
    {
        var r = new Models.ParameterReader(spec, "syn_spec");
        string model = ModelNames.StaticSynapse;
        r.TryString(ParameterNames.SynapseModel, ref model);
        double w = double.NaN, d = double.NaN;
        bool hasW = r.TryFinite(ParameterNames.Weight, ref w);
        bool hasD = r.TryFinite(ParameterNames.Delay, ref d);
        r.ThrowIfUnused();
        return new SynSpec(model, hasW ? w : null, hasD ? d : null);
    }
}
