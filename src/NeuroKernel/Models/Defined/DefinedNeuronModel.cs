namespace NeuroKernel.Models.Defined;

/// <summary>
/// The prototype of a user's <see cref="NeuronModelDefinition"/>: its defaults (parameters and initial state), edited by
/// SetDefaults and copied by CopyModel like any model's.
/// </summary>
internal sealed class DefinedNeuronModel : NodeModel
{
    public DefinedNeuronModel(NeuronModelDefinition definition) : base(definition.Name)
    {
        Definition = definition;
        ParameterNames = [.. definition.Parameters.Select(v => v.Name)];
        StateNames = [.. definition.State.Select(v => v.Name)];
        var duplicate = ParameterNames.Concat(StateNames).GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"{definition.Name}: '{duplicate.Key}' is declared twice among the parameters and state variables.", nameof(definition));
        }

        Defaults = new Values([.. definition.Parameters.Select(v => v.Value)], [.. definition.State.Select(v => v.Value)]);
        Definition.Validate(Defaults.Parameters);
    }

    public NeuronModelDefinition Definition { get; }

    public string[] ParameterNames { get; }

    public string[] StateNames { get; }

    /// <summary>The values new neurons start from.</summary>
    public Values Defaults { get; private set; }

    public override ElementType ElementType => ElementType.Neuron;

    public override bool SendsSpikes => true;

    public override IReadOnlyList<Receptor> Receptors => Definition.SpikeInput == SpikeInput.Summed ? Receptor.SummedSpikes : Receptor.BySign;

    public override IReadOnlyList<string> Recordables => StateNames;

    public override StatusDictionary GetDefaults() => Write(Defaults);

    public override void SetDefaults(StatusDictionary values) => Defaults = Read(values, Defaults);

    public override NodeBlock CreateBlock(int firstId, int count) => new DefinedNeuronBlock(this, firstId, count);

    /// <summary>The keys of a neuron's values, parameters then state.</summary>
    public StatusDictionary Write(Values v)
    {
        var d = new StatusDictionary();
        for (int k = 0; k < ParameterNames.Length; k++)
        {
            d[ParameterNames[k]] = v.Parameters[k];
        }

        for (int k = 0; k < StateNames.Length; k++)
        {
            d[StateNames[k]] = v.State[k];
        }

        return d;
    }

    /// <summary>New values from a user's dictionary: every key read and the parameters checked; nothing changes.</summary>
    public Values Read(StatusDictionary values, Values current)
    {
        var r = new ParameterReader(values, Name);
        double[] parameters = [.. current.Parameters], state = [.. current.State];
        for (int k = 0; k < ParameterNames.Length; k++)
        {
            r.TryFinite(ParameterNames[k], ref parameters[k]);
        }

        for (int k = 0; k < StateNames.Length; k++)
        {
            r.TryFinite(StateNames[k], ref state[k]);
        }

        r.ThrowIfUnused(CommonReadOnlyKeys);
        Definition.Validate(parameters);
        return new Values(parameters, state);
    }

    /// <summary>One neuron's parameters and state, in the definition's order.</summary>
    public sealed record Values(double[] Parameters, double[] State);
}
