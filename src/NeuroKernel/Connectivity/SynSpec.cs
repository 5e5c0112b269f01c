namespace NeuroKernel;

/// <summary>
/// A synapse specification (PyNEST's <c>syn_spec</c>): a synapse model name such as <c>"excitatory"</c>,
/// or a dictionary with <c>synapse_model</c> (default <c>static_synapse</c>), <c>weight</c> (pA) and
/// <c>delay</c> (ms). A weight or delay in a dictionary may be a number, an array with one value per
/// connection (NEST's shape for the rule: <c>double[]</c> for one_to_one, fixed_total_number and explicit
/// sources; <c>double[,]</c> or <c>double[][]</c> of [targets, sources] for all_to_all, [targets, indegree] for
/// fixed_indegree, [sources, outdegree] for fixed_outdegree), or a random distribution made with
/// <see cref="Distributions"/>. Strings and dictionaries convert implicitly.
/// </summary>
public sealed class SynSpec
{
    /// <summary>Creates a specification.</summary>
    /// <param name="model">The synapse model name.</param>
    /// <param name="weight">The weight (pA, mV for voltage-jump neurons), or null for the model's default.</param>
    /// <param name="delay">The delay (ms), or null for the model's default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="BadPropertyException">The weight is NaN or infinite.</exception>
    /// <exception cref="BadDelayException">The delay is NaN or infinite.</exception>
    public SynSpec(string model, double? weight = null, double? delay = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (weight is double w)
        {
            RequireFinite(ParameterNames.Weight, w);
        }

        if (delay is double d)
        {
            RequireFinite(ParameterNames.Delay, d);
        }

        Model = model;
        WeightValue = weight;
        DelayValue = delay;
    }

    private SynSpec(string model, object? weight, object? delay, int receptorType, StatusDictionary? parameters)
    {
        Model = model;
        WeightValue = weight;
        DelayValue = delay;
        ReceptorType = receptorType;
        Parameters = parameters;
    }

    /// <summary>The target's receptor (<c>receptor_type</c>): 0 by default; iaf_psc_exp takes currents on 0 and 1.</summary>
    public int ReceptorType { get; }

    /// <summary>The synapse model name.</summary>
    public string Model { get; }

    /// <summary>The weight when it is one number, or null (model default, arrays and distributions).</summary>
    public double? Weight => WeightValue as double?;

    /// <summary>The delay (ms) when it is one number, or null (model default, arrays and distributions).</summary>
    public double? Delay => DelayValue as double?;

    /// <summary>The weight as given: null, a number, an array or a distribution dictionary.</summary>
    internal object? WeightValue { get; }

    /// <summary>The delay as given: null, a number, an array or a distribution dictionary.</summary>
    internal object? DelayValue { get; }

    /// <summary>The synapse type's own keys (e.g. a plastic synapse's parameters), checked by the synapse model at Connect; null when none.</summary>
    internal StatusDictionary? Parameters { get; }

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

    /// <summary>
    /// A specification from a dictionary with <c>synapse_model</c>, <c>weight</c>, <c>delay</c>, <c>receptor_type</c> and the
    /// synapse model's own per-connection keys; Connect refuses keys the synapse model does not know.
    /// </summary>
    /// <param name="spec">The dictionary.</param>
    /// <returns>The specification.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    /// <exception cref="BadPropertyException">A value has the wrong type.</exception>
    public static SynSpec FromDictionary(StatusDictionary spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var r = new Models.ParameterReader(spec, "syn_spec");
        string model = ModelNames.StaticSynapse;
        r.TryString(ParameterNames.SynapseModel, ref model);
        object? weight = Value(spec, r, ParameterNames.Weight);
        object? delay = Value(spec, r, ParameterNames.Delay);
        long receptor = 0;
        if (r.TryLong(ParameterNames.ReceptorType, ref receptor) && (receptor < 0 || receptor > 255))
        {
            throw new BadPropertyException("receptor_type", $"syn_spec: receptor_type must be a small non-negative integer (receptor_type = {receptor}).");
        }

        var parameters = new StatusDictionary();
        foreach (string key in r.UnusedKeys())
        {
            parameters[key] = spec[key];
        }

        return new SynSpec(model, weight, delay, (int)receptor, parameters.Count > 0 ? parameters : null);
    }

    /// <summary>
    /// A number given for a weight or delay must be finite: a non-finite weight is a <see cref="BadPropertyException"/>, a
    /// non-finite delay a <see cref="BadDelayException"/> (as every other bad delay), whichever form the spec takes.
    /// </summary>
    internal static void RequireFinite(string key, double value)
    {
        if (!double.IsFinite(value))
        {
            throw NonFinite(key, value, key);
        }
    }

    /// <summary>The error for a non-finite <paramref name="key"/> value, found at <paramref name="where"/> (e.g. <c>delay[3]</c>).</summary>
    internal static NeuroKernelException NonFinite(string key, double value, string where) => key == ParameterNames.Delay
        ? new BadDelayException(value, $"syn_spec: delay must be finite ({where} = {Kernel.TimeGrid.Format(value)}).")
        : new BadPropertyException(key, $"syn_spec: {key} must be finite ({where} = {Kernel.TimeGrid.Format(value)}).");

    private static object? Value(StatusDictionary spec, Models.ParameterReader r, string key)
    {
        if (!spec.TryGetValue(key, out object? raw))
        {
            return null;
        }

        if (StatusDictionary.IsNumber(raw) && raw is not bool)
        {
            double d = 0;
            r.TryNumber(key, ref d);
            RequireFinite(key, d);
            return d;
        }

        r.MarkUsed(key);
        return raw switch
        {
            double[] or double[,] or double[][] or int[] or StatusDictionary or Parameter => raw,
            _ => throw new BadPropertyException(key,
                $"syn_spec: {key} must be a number, an array of numbers, a distribution or a Parameter, got {StatusDictionary.Describe(raw)}."),
        };
    }
}
