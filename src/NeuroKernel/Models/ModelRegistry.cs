namespace NeuroKernel.Models;

/// <summary>The node models by name: built-ins and the copies made with CopyModel.</summary>
internal sealed class ModelRegistry
{
    private readonly Dictionary<string, NodeModel> _models = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public IReadOnlyList<string> Names => _names;

    public void Register(NodeModel model)
    {
        _models.Add(model.Name, model);
        _names.Add(model.Name);
    }

    public bool Contains(string name) => _models.ContainsKey(name);

    public bool TryGet(string name, out NodeModel model) => _models.TryGetValue(name, out model!);
}
