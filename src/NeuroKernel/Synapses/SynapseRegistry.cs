using NeuroKernel.Kernel;
using NeuroKernel.Models;

namespace NeuroKernel.Synapses;

/// <summary>The synapse models by name, each with its defaults and its connection counter.</summary>
internal sealed class SynapseRegistry
{
    private static readonly string[] ReadOnlyKeys =
        [ParameterNames.NumConnections, ParameterNames.SynapseModel, ParameterNames.ElementType, "synapse_modelid", "has_delay", "sizeof"];

    private readonly List<SynapseModel> _models = [];
    private readonly Dictionary<string, SynapseModel> _byName = new(StringComparer.Ordinal);

    public SynapseRegistry()
    {
        Add(ModelNames.StaticSynapse, 1.0, 1.0);
    }

    public IReadOnlyList<SynapseModel> Models => _models;

    public bool Contains(string name) => _byName.ContainsKey(name);

    public bool TryGet(string name, out SynapseModel model) => _byName.TryGetValue(name, out model!);

    public SynapseModel Get(string name) =>
        _byName.TryGetValue(name, out var m) ? m : throw new UnknownSynapseTypeException(name);

    public long TotalConnections
    {
        get
        {
            long n = 0;
            foreach (var m in _models)
            {
                n += m.NumConnections;
            }

            return n;
        }
    }

    public SynapseModel Copy(string existing, string newName, StatusDictionary? values, TimeGrid grid)
    {
        var source = Get(existing);
        var (w, d) = Validate(source, values, grid, source.Weight, source.Delay);
        return Add(newName, w, d);
    }

    public void SetDefaults(string name, StatusDictionary values, TimeGrid grid)
    {
        var m = Get(name);
        var (w, d) = Validate(m, values, grid, m.Weight, m.Delay);
        m.Weight = w;
        m.Delay = d;
    }

    /// <summary>The defaults; the delay is reported on the grid, as NEST stores it in steps.</summary>
    public static StatusDictionary GetDefaults(SynapseModel m, TimeGrid grid) => new()
    {
        [ParameterNames.Weight] = m.Weight,
        [ParameterNames.Delay] = grid.ToMs(Math.Max(1, grid.RoundHalfUp(m.Delay))),
        [ParameterNames.NumConnections] = m.NumConnections,
        [ParameterNames.SynapseModel] = m.Name,
        ["synapse_modelid"] = (long)m.Index,
        [ParameterNames.ElementType] = "synapse",
        ["has_delay"] = true,
    };

    public void ResetCounters()
    {
        foreach (var m in _models)
        {
            m.NumConnections = 0;
        }
    }

    private SynapseModel Add(string name, double weight, double delay)
    {
        var m = new SynapseModel(name, _models.Count, weight, delay);
        _models.Add(m);
        _byName.Add(name, m);
        return m;
    }

    private static (double Weight, double Delay) Validate(SynapseModel m, StatusDictionary? values, TimeGrid grid, double weight, double delay)
    {
        if (values is null)
        {
            return (weight, delay);
        }

        var r = new ParameterReader(values, m.Name);
        r.TryFinite(ParameterNames.Weight, ref weight);
        if (r.TryFinite(ParameterNames.Delay, ref delay))
        {
            CheckDelay(grid, delay);
        }

        r.ThrowIfUnused(ReadOnlyKeys);
        return (weight, delay);
    }

    /// <summary>Delay → steps, rounded half up as NEST does; at least one step.</summary>
    public static int CheckDelay(TimeGrid grid, double delay)
    {
        if (!double.IsFinite(delay))
        {
            throw new BadDelayException(delay, $"Delay must be finite (delay = {TimeGrid.Format(delay)}).");
        }

        long steps = grid.RoundHalfUp(delay);
        if (steps < 1)
        {
            throw new BadDelayException(delay,
                $"Delay must be greater than or equal to resolution (delay = {TimeGrid.Format(delay)} ms, resolution = {TimeGrid.Format(grid.Resolution)} ms).");
        }

        if (steps > int.MaxValue / 4)
        {
            throw new BadDelayException(delay, $"Delay is too large (delay = {TimeGrid.Format(delay)} ms).");
        }

        return (int)steps;
    }
}
