using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using NeuroKernel.Models;

namespace NeuroKernel.Kernel;

/// <summary>
/// Compiles the kernel's methods on a background thread before they are first called, so that neither the first
/// Connect nor the first slice waits for the JIT. What it compiles is derived from the kernel itself: the managers the
/// <see cref="KernelManager"/> holds, the rules of the rule catalog, the blocks of every model in the model catalog and
/// the connection groups of every synapse type in the synapse registry (user-registered ones included, when a kernel
/// that has them is passed), plus the step loop's own machinery.
/// </summary>
/// <remarks>
/// Two threads, each started once per process and only where there is more than one core (on one core they would take
/// the time from the work they are meant to speed up):
/// <list type="bullet">
/// <item>the build warm-up (<see cref="StartBuild"/>), at the first <see cref="Simulator"/>: Connect and its rules, the
/// builders, the store's sort, the delivery's and the per-target devices' preparation. The order-2500 build spent about
/// 0.1 s of its 0.23 s compiling (the first Connect alone took 40–50 ms, the next one 1 ms);</item>
/// <item>the step-loop warm-up (<see cref="Start"/>), at the first preparation, while that thread sorts the connections:
/// the loop's methods, marked <see cref="MethodImplOptions.AggressiveOptimization"/>, are compiled once, fully
/// optimized, at their first call, which made the first slice take about 35 ms instead of half a millisecond.</item>
/// </list>
/// Compilation is idempotent and the runtime serializes a method that the simulation reaches first; a method that cannot
/// be prepared is left to its first call. The types come from instances (<c>GetType()</c>): where the library is trimmed
/// their methods may be missing, and then compile at their first call as they would without the warm-up.
/// </remarks>
internal static class WarmUp
{
    private static int _started;
    private static int _buildStarted;

    /// <summary>The step loop's own machinery: the phases and what they run on (every model's and synapse type's code is added from the network's blocks and the registries).</summary>
    private static readonly Type[] LoopTypes =
    [
        typeof(SimulationManager), typeof(Delivery.SpikeDelivery), typeof(Delivery.PerTargetDelivery), typeof(Delivery.LocalSpikeExchange),
        typeof(RecordingManager), typeof(Delivery.SpikeList), typeof(Delivery.RingBuffers), typeof(UpdateUnit), typeof(ThreadBalancer),
        typeof(WorkerPool), typeof(Random.PoissonSampler), typeof(SpikeArchive), typeof(Models.Neurons.UpdateLayout), typeof(Delivery.DeferredEvents),
        typeof(NodeBlock),
    ];

    /// <summary>
    /// What a script's first Connect reaches (node creation and defaults the main thread compiles itself, before the
    /// warm-up could get to them): Connect's path from the facade to the builders' lists.
    /// </summary>
    private static readonly Type[] ConnectPath =
    [
        typeof(ConnectionManager), typeof(ParameterReader), typeof(ConnSpec), typeof(SynSpec), typeof(Connectivity.ValueSpec),
        typeof(ConnectionWriter), typeof(NodeCollection), typeof(Synapses.ConnectionGroupBuilder), typeof(Synapses.IdList),
        typeof(Synapses.ChunkedList<ushort>), typeof(Synapses.ChunkedList<int>), typeof(Synapses.ChunkedList<double>),
        typeof(Synapses.ConnectionGroupKey), typeof(Synapses.SynapseRegistry), typeof(Simulator), typeof(NodeManager), typeof(ModelManager),
        typeof(NodeModel),
    ];

    /// <summary>What the first preparation runs before the loop: the store's sort and the delivery's preparation.</summary>
    private static readonly Type[] PreparePath =
    [
        typeof(Synapses.ConnectionStore), typeof(Synapses.ConnectionStore.GroupSorter), typeof(Synapses.ReceiverPartitioning),
        typeof(Delivery.PerTargetRun),
    ];

    /// <summary>
    /// Starts the step loop's background compilation for the blocks and synapse groups of <paramref name="kernel"/>'s
    /// network, unless it has started before or the machine has one core. The blocks and synapse types are copied here,
    /// on the calling thread (later calls may change the kernel's lists); their code types are found on the warm-up's
    /// thread, since that loads the generic types of the update (a few milliseconds that Prepare would otherwise wait for).
    /// </summary>
    public static void Start(KernelManager kernel)
    {
        if (Environment.ProcessorCount < 2 || Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        var blocks = kernel.Nodes.Blocks.ToArray();
        // The synapse types the network's connections use (a plain loop: LINQ's generic code would compile on this thread).
        var used = new List<Synapses.SynapseType>();
        foreach (var m in kernel.Connections.Synapses.Models)
        {
            if (m.NumConnections > 0 && !used.Contains(m.Type))
            {
                used.Add(m.Type);
            }
        }

        var synapses = used.ToArray();
        new Thread(() => Quietly(() => CompileHotMethods(NetworkCodeTypes(blocks, synapses)))) { IsBackground = true, Name = "NeuroKernel warm-up" }.Start();
    }

    /// <summary>Whether the connection path's warm-up has been started in this process (for tests).</summary>
    internal static bool BuildStarted => Volatile.Read(ref _buildStarted) != 0;

    /// <summary>
    /// Starts compiling the connection path on a background thread, once per process and only where there is more than
    /// one core. Called by the first <see cref="Simulator"/>: while the script sets defaults and creates nodes, the
    /// second core compiles what its first Connect and first Simulate would otherwise wait for.
    /// </summary>
    public static void StartBuild()
    {
        if (Environment.ProcessorCount < 2 || Interlocked.Exchange(ref _buildStarted, 1) != 0)
        {
            return;
        }

        new Thread(() => Quietly(() => CompileBuildMethods())) { IsBackground = true, Name = "NeuroKernel build warm-up" }.Start();
    }

    /// <summary>
    /// Compiles the connection path's methods on the calling thread, in the order a script reaches them: the facade, the
    /// node calls and Connect's path, every registered rule, the store's sort, every synapse type, the preparation of the
    /// per-target devices, and the other managers. Returns how many were compiled (for tests).
    /// </summary>
    internal static int CompileBuildMethods(KernelManager? kernel = null)
    {
        kernel ??= new KernelManager();
        // First the methods of Connect's path that compile fully optimized at their first call (they take longest), then
        // the rest of it. A rule's code lies partly in its generic base and the base's nested binding, compiled per
        // instantiation.
        int compiled = ConnectPath.Sum(t => Compile(t)) + ConnectPath.Sum(t => Compile(t, all: true, exceptHot: true))
            + kernel.Connections.Rules.Names.Sum(n => CompileWithBases(TypeOf(kernel.Connections.Rules.Get(n))));
        var types = new List<Type>(PreparePath);
        // The static synapse types' code (every Connect without a plastic model reaches it); a plastic type's compiles at its
        // first use, as its connections are fewer and its parameters are read per call.
        types.AddRange(kernel.Connections.Synapses.Models.Where(m => m.IsStatic).Select(m => TypeOf(m.Type)));
        // The devices' preparation builds their per-target runs and streams from the store; the other blocks' code runs
        // in the step loop and is left to the loop's warm-up.
        types.AddRange(BlockTypes(kernel).Where(t => t.IsAssignableTo(typeof(Delivery.IPerTargetSender))));
        types.AddRange(ManagerTypes());
        return compiled + types.Except(ConnectPath).Distinct().Sum(t => Compile(t, all: true));
    }

    /// <summary>
    /// Compiles the step loop's methods on the calling thread: the loop's machinery, the blocks of every model in the
    /// kernel's model registry (with their generic bases, whose code is compiled per instantiation) and the groups of every
    /// synapse type in its synapse registry. Returns how many were compiled (for tests).
    /// </summary>
    internal static int CompileHotMethods(KernelManager? kernel = null) => CompileHotMethods(ModelCodeTypes(kernel ?? new KernelManager()));

    /// <remarks>
    /// Only the methods marked <see cref="MethodImplOptions.AggressiveOptimization"/>, which would otherwise be compiled
    /// fully optimized at their first call on the loop's thread: compiling every method of the loop's types as well
    /// (tier-0 code that the runtime compiles in well under a millisecond when it is first called) made Prepare and the
    /// first simulated second slower by about 5 % at order 2500 (12 interleaved runs).
    /// </remarks>
    private static int CompileHotMethods(Type[] modelCode) =>
        modelCode.Sum(t => Compile(t)) + LoopTypes.Sum(t => Compile(t) + NestedTypes(t).Sum(n => Compile(n)));

    /// <summary>The non-generic types nested in <paramref name="type"/> (the worker pool's barrier).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Warming up is an optimization: a trimmed nested type compiles at its first use.")]
    private static IEnumerable<Type> NestedTypes(Type type) =>
        type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).Where(n => !n.ContainsGenericParameters);

    /// <summary>
    /// The code a network runs: each of its blocks' type and the generic code its update runs, and the connection groups of
    /// every synapse type it may use.
    /// </summary>
    private static Type[] NetworkCodeTypes(NodeBlock[] blocks, Synapses.SynapseType[] synapses) =>
        [.. blocks.SelectMany(b => b.UpdateCode.Concat(TypeAndBases(b))).Concat(synapses.Select(s => s.GroupType)).Distinct()];

    /// <summary>The same for every model of the registry and every synapse type of the registry (for tests).</summary>
    private static Type[] ModelCodeTypes(KernelManager kernel) =>
        NetworkCodeTypes(ModelBlocks(kernel), [.. kernel.Connections.Synapses.Models.Select(m => m.Type)]);

    /// <summary>One block of each model in the registry (a node), to ask for its types.</summary>
    private static NodeBlock[] ModelBlocks(KernelManager kernel)
    {
        var registry = kernel.Models.Registry;
        return [.. registry.Names.Select(name => registry.TryGet(name, out var model) ? model.CreateBlock(1, 1) : null).OfType<NodeBlock>()];
    }

    /// <summary>The managers a kernel holds (its properties of this namespace's classes).</summary>
    private static IEnumerable<Type> ManagerTypes() =>
        typeof(KernelManager).GetProperties().Select(p => p.PropertyType).Where(t => t.IsClass && t.Namespace == typeof(KernelManager).Namespace);

    /// <summary>The block type of every model in the registry and its bases below <see cref="NodeBlock"/>.</summary>
    private static IEnumerable<Type> BlockTypes(KernelManager kernel) => ModelBlocks(kernel).SelectMany(TypeAndBases);

    /// <summary>
    /// A block's type and its bases below <see cref="NodeBlock"/>: <see cref="Compile"/> takes the methods a type declares,
    /// and the update loop of a neuron block is declared in its generic base.
    /// </summary>
    private static IEnumerable<Type> TypeAndBases(NodeBlock block)
    {
        for (var t = TypeOf(block); t is not null && t != typeof(NodeBlock); t = t.BaseType)
        {
            yield return t;
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2073", Justification = "Warming up is an optimization: a trimmed method compiles at its first call.")]
    [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods)]
    private static Type TypeOf(object instance) => instance.GetType();

    /// <summary>A warm-up thread's body: a failure here must not end the process; the methods are then compiled at their first call.</summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "An unhandled exception on a background thread would end the process; warming up is only an optimization.")]
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

    /// <summary>
    /// Compiles every method of <paramref name="type"/>, of its nested types (closures, a generic base's helpers) and of its
    /// generic bases in this library, whose code is compiled per instantiation.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Warming up is an optimization: a trimmed method compiles at its first call.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Warming up is an optimization: a nested type that cannot be made is left to its first use.")]
    [UnconditionalSuppressMessage("Trimming", "IL2055", Justification = "Warming up is an optimization: a nested type that cannot be made is left to its first use.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Warming up is an optimization: a trimmed nested type compiles at its first use.")]
    private static int CompileWithBases(Type type)
    {
        int compiled = Compile(type, all: true);
        for (var t = type; t is not null && t.Assembly == typeof(WarmUp).Assembly; t = t.BaseType)
        {
            if (t != type && t.IsGenericType)
            {
                compiled += Compile(t, all: true);
            }

            foreach (var nested in t.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic))
            {
                var made = nested.IsGenericTypeDefinition && t.IsConstructedGenericType && nested.GetGenericArguments().Length == t.GenericTypeArguments.Length
                    ? nested.MakeGenericType(t.GenericTypeArguments)
                    : nested;
                if (!made.ContainsGenericParameters)
                {
                    compiled += Compile(made, all: true);
                }
            }
        }

        return compiled;
    }

    /// <summary>
    /// Compiles the methods declared in <paramref name="type"/>: those marked AggressiveOptimization, or <paramref name="all"/>
    /// (without those marked when <paramref name="exceptHot"/>: a first pass compiled them).
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Warming up is an optimization: a trimmed method compiles at its first call.")]
    private static int Compile(Type type, bool all = false, bool exceptHot = false)
    {
        int compiled = 0;
        const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        foreach (var method in type.GetMethods(Declared))
        {
            bool hot = (method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0;
            bool wanted = all ? !(exceptHot && hot) : hot;
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
