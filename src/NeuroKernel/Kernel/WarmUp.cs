using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace NeuroKernel.Kernel;

/// <summary>
/// Compiles the step loop's methods on a background thread while the first <c>Simulate</c> prepares the network, so
/// that the first slice does not wait for the JIT. The loop's hot methods are marked
/// <see cref="MethodImplOptions.AggressiveOptimization"/>: each is compiled once, fully optimized, at its first call,
/// which at order 2500 made the first slice take about 35 ms instead of half a millisecond. Prepare sorts the
/// connections on one core and takes far longer than the ~70 ms this needs, so the second core does it for free.
/// </summary>
/// <remarks>
/// Started once per process, by the first preparation, and only where there is more than one core (on one core it
/// would take the time from the preparation). Started any earlier, at the first <see cref="Simulator"/>, it made the
/// build about 13 ms slower (the build loads and compiles its own types at the same time). What the build itself needs
/// is compiled by a second warm-up thread that the first <see cref="Simulator"/> starts (<see cref="StartBuild"/>): the
/// order-2500 build spent about 0.1 s of its 0.23 s compiling (the first Connect alone took 40–50 ms, the next one
/// 1 ms), and with that thread the build took 27 ms and the preparation 31 ms less (A B B A × 6, one thread). Compilation is idempotent
/// and the runtime serializes a method that the simulation reaches first; a method that cannot be prepared is left to
/// its first call. Besides the methods marked AggressiveOptimization, the spike lists' and spike recorders' methods
/// are compiled, which the network's first spikes would otherwise wait for, and the loop's plumbing (RunSlices, the
/// worker pool, the balancer, the units and ring buffers).
/// </remarks>
internal static class WarmUp
{
    private static int _started;

    /// <summary>Starts the background compilation unless it has started before or the machine has one core.</summary>
    public static void Start()
    {
        if (Environment.ProcessorCount < 2 || Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        new Thread(() => Quietly(() => CompileHotMethods())) { IsBackground = true, Name = "NeuroKernel warm-up" }.Start();
    }

    private static int _buildStarted;

    /// <summary>Whether the connection path's warm-up has been started in this process (for tests).</summary>
    internal static bool BuildStarted => Volatile.Read(ref _buildStarted) != 0;

    /// <summary>
    /// Starts compiling the connection path (Connect and its rules, the connection builders, the store's sort, the
    /// delivery's and Poisson generator's preparation) on a background thread, once per process and only where there
    /// is more than one core. Called by the first <see cref="Simulator"/>: while the script sets defaults and creates
    /// nodes, the second core compiles what its first Connect and first Simulate would otherwise wait for.
    /// </summary>
    public static void StartBuild()
    {
        if (Environment.ProcessorCount < 2 || Interlocked.Exchange(ref _buildStarted, 1) != 0)
        {
            return;
        }

        new Thread(() => Quietly(CompileBuildMethods)) { IsBackground = true, Name = "NeuroKernel build warm-up" }.Start();
    }

    /// <summary>
    /// Compiles the connection path's methods on the calling thread, in the order a script reaches them; returns how
    /// many were compiled (for tests).
    /// </summary>
    internal static int CompileBuildMethods() =>
        Compile(typeof(Connectivity.ValueSpec), all: true)
        + Compile(typeof(ConnSpec), all: true) + Compile(typeof(SynSpec), all: true)
        + Compile(typeof(Simulator), all: true) + Compile(typeof(ConnectionManager), all: true) + Compile(typeof(NodeManager), all: true)
        + Compile(typeof(ConnectionWriter), all: true) + Compile(typeof(Connectivity.AllToAllRule), all: true)
        + Compile(typeof(Synapses.ConnectionGroupBuilder), all: true) + Compile(typeof(Synapses.IdList), all: true)
        + Compile(typeof(Synapses.ChunkedList<ushort>), all: true) + Compile(typeof(Synapses.ChunkedList<int>), all: true)
        + Compile(typeof(Synapses.ChunkedList<double>), all: true) + Compile(typeof(Synapses.ConnectionGroupKey), all: true)
        + Compile(typeof(NodeCollection), all: true)
        + Compile(typeof(Synapses.ConnectionStore), all: true) + Compile(typeof(Synapses.ConnectionGroup), all: true)
        + Compile(typeof(Synapses.ReceiverPartitioning), all: true) + Compile(typeof(Synapses.ConnectionStore.GroupSorter), all: true)
        + Compile(typeof(Models.Devices.PoissonGeneratorBlock), all: true) + Compile(typeof(Delivery.SpikeDelivery), all: true);

    /// <summary>A warm-up thread's body: a failure here must not end the process; the methods are then compiled at their first call.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "An unhandled exception on a background thread would end the process; warming up is only an optimization.")]
    private static void Quietly(Func<int> compile)
    {
        try
        {
            compile();
        }
        catch (Exception)
        {
            // Nothing to do: every method still compiles at its first call.
        }
    }

    /// <summary>Compiles the step loop's methods on the calling thread; returns how many were compiled (for tests).</summary>
    internal static int CompileHotMethods()
    {
        // The step loop's types; the neuron blocks' generic base once per model, since its code is compiled per instantiation.
        int compiled = Compile(typeof(Delivery.SpikeDelivery))
            + Compile(typeof(Models.Neurons.NeuronBlock<Models.IafPscAlpha.IafPscAlphaParameters, Models.IafPscAlpha.IafPscAlphaPropagators>))
            + Compile(typeof(Models.IafPscAlpha.IafPscAlphaBlock))
            + Compile(typeof(Models.Neurons.NeuronBlock<Models.IafPscExp.IafPscExpParameters, Models.IafPscExp.IafPscExpPropagators>))
            + Compile(typeof(Models.IafPscExp.IafPscExpBlock))
            + Compile(typeof(Models.Neurons.NeuronBlock<Models.IafPscDelta.IafPscDeltaParameters, Models.IafPscDelta.IafPscDeltaPropagators>))
            + Compile(typeof(Models.IafPscDelta.IafPscDeltaBlock))
            + Compile(typeof(Models.Devices.PoissonGeneratorBlock))
            + Compile(typeof(Random.PoissonSampler));

        // What runs first when the network first spikes (spike lists, recorders), and the loop's own plumbing: these are
        // compiled at their first call too.
        return compiled + Compile(typeof(Delivery.SpikeList), all: true) + Compile(typeof(Recording.SpikeRecorderBlock), all: true)
            + Compile(typeof(ThreadBalancer), all: true) + Compile(typeof(UpdateUnit), all: true) + Compile(typeof(Delivery.RingBuffers), all: true)
            + Compile(typeof(WorkerPool), all: true) + Compile(typeof(SimulationManager), names: ["RunSlices", "UpdatePhase", "NextSlice", "CoverBounds"]);
    }

    /// <summary>Compiles the methods declared in <paramref name="type"/>: those marked AggressiveOptimization, or <paramref name="all"/>, or those named.</summary>
    private static int Compile([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods)] Type type, bool all = false, string[]? names = null)
    {
        int compiled = 0;
        const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        foreach (var method in type.GetMethods(Declared))
        {
            bool wanted = names is not null ? names.Contains(method.Name)
                : all || (method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0;
            if (method.IsAbstract || method.ContainsGenericParameters || !wanted)
            {
                continue;
            }

            try
            {
                RuntimeHelpers.PrepareMethod(method.MethodHandle, type.IsGenericType ? [.. type.GenericTypeArguments.Select(a => a.TypeHandle)] : null);
                compiled++;
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or InvalidOperationException)
            {
                // Compiled at its first call instead.
            }
        }

        return compiled;
    }
}
