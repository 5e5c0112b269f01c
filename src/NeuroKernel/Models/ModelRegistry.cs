namespace NeuroKernel.Models;

/// <summary>
/// The node models by name: built-ins and the copies made with CopyModel. Built-in models are registered by name with a
/// factory and made at their first lookup, so that a new kernel does not pay for the models a script never uses.
/// </summary>
internal sealed class ModelRegistry
{
    private readonly Dictionary<string, NodeModel> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<NodeModel>> _factories = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public IReadOnlyList<string> Names => _names;

    public void Register(NodeModel model)
    {
        if (_factories.ContainsKey(model.Name))
        {
            throw new ArgumentException($"A model named {model.Name} exists.", nameof(model));
        }

        _models.Add(model.Name, model);
        _names.Add(model.Name);
    }

    /// <summary>Registers a built-in model under <paramref name="name"/>, made by <paramref name="create"/> when first looked up.</summary>
    public void Register(string name, Func<NodeModel> create)
    {
        if (_models.ContainsKey(name))
        {
            throw new ArgumentException($"A model named {name} exists.", nameof(name));
        }

        _factories.Add(name, create);
        _names.Add(name);
    }

    public bool Contains(string name) => _models.ContainsKey(name) || _factories.ContainsKey(name);

    public bool TryGet(string name, out NodeModel model)
    {
        if (_models.TryGetValue(name, out model!))
        {
            return true;
        }

        if (!_factories.TryGetValue(name, out var create))
        {
            return false;
        }

        model = create();
        System.Diagnostics.Debug.Assert(model.Name == name, $"The factory of {name} made {model.Name}.");
        _models.Add(name, model);
        _factories.Remove(name);
        return true;
    }
}
