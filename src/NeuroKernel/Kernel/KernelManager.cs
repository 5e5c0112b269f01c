namespace NeuroKernel.Kernel;

/// <summary>
/// The kernel of one <see cref="Simulator"/> (NEST's <c>KernelManager</c>, without its global singleton): the kernel
/// settings and one manager per concern, each the only owner of its state, with its own reset and its part of Prepare.
/// Data flows one way: models → nodes → connections → simulation (prepare, update, exchange, deliver) → recording.
/// </summary>
/// <remarks>
/// What must be prepared again before the next Simulate is derived from version numbers that the managers raise when
/// their state changes (<see cref="SettingsVersion"/>, <see cref="NodeManager.Version"/>,
/// <see cref="NodeManager.ParametersVersion"/>, <see cref="ConnectionManager.Version"/>), not from flags cleared by hand.
/// Models, synapse models and rules that a user registers are installed again after every reset, as NEST keeps the
/// models of an installed module.
/// </remarks>
internal sealed partial class KernelManager : IDisposable
{
    private readonly List<Action<KernelManager>> _installed = [];

    public KernelManager()
    {
        Random = new RandomManager(this);
        Models = new ModelManager(this);
        Nodes = new NodeManager(this);
        Connections = new ConnectionManager(this);
        Recording = new RecordingManager(this);
        Simulation = new SimulationManager(this);
        Initialize();
    }

    /// <summary>The user-settable kernel parameters (an immutable record: a change swaps in a validated copy).</summary>
    public KernelSettings Settings { get; private set; } = new();

    /// <summary>Raised by every change of <see cref="Settings"/>.</summary>
    public int SettingsVersion { get; private set; }

    /// <summary>The time grid of the current resolution.</summary>
    public TimeGrid Grid => new(Settings.Resolution);

    public RandomManager Random { get; }

    public ModelManager Models { get; }

    public NodeManager Nodes { get; }

    public ConnectionManager Connections { get; }

    public RecordingManager Recording { get; }

    public SimulationManager Simulation { get; }

    /// <summary>NEST's <c>ResetKernel</c>: files closed, threads ended, every manager back to its initial state.</summary>
    public void Reset()
    {
        Shutdown();
        Initialize();
    }

    /// <summary>Closes the recorders' files and ends the worker threads.</summary>
    public void Shutdown()
    {
        Recording.Close();
        Simulation.EndWorkers();
    }

    public void Dispose()
    {
        Shutdown();
        Simulation.Dispose();
    }

    /// <summary>Runs a registration now and again after every reset (a user's model, synapse model or rule).</summary>
    public void Install(Action<KernelManager> registration)
    {
        registration(this);
        _installed.Add(registration);
    }

    private void Initialize()
    {
        Settings = new KernelSettings();
        SettingsVersion++;
        Random.Initialize();
        Models.Initialize();
        Nodes.Initialize();
        Connections.Initialize();
        Recording.Initialize();
        Simulation.Initialize();
        foreach (var install in _installed)
        {
            install(this);
        }
    }
}
