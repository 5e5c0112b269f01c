using System.Runtime.CompilerServices;
using NeuroKernel.Kernel;

namespace NeuroKernel.Models.Devices;

/// <summary>Nodes of a stimulation device: one parameter record per node, and the window in steps after Prepare.</summary>
internal abstract class DeviceBlock<TParameters> : NodeBlock
    where TParameters : class, IDeviceParameters<TParameters>
{
    protected DeviceBlock(NodeModel model, int firstId, int count, TParameters p) : base(model, firstId, count)
    {
        Parameters = new TParameters[count];
        Array.Fill(Parameters, p);
    }

    protected TParameters[] Parameters { get; }

    /// <summary>First and last active stamp of each node (valid after Prepare).</summary>
    protected (long First, long Last)[] Windows { get; private set; } = [];

    public override StatusDictionary GetStatus(int local) => Parameters[local].ToDictionary();

    public override Action ValidateStatus(int local, StatusDictionary values)
    {
        var p = Parameters[local].Read(values, Model.Name, Grid);
        return () => Parameters[local] = p;
    }

    public override void Prepare(PrepareContext context)
    {
        Windows = new (long, long)[Count];
        for (int i = 0; i < Count; i++)
        {
            Windows[i] = Parameters[i].Window.ToSteps(context.Grid, Model.Name);
        }
    }

    /// <summary>True when node <paramref name="local"/> is active for an event stamped <paramref name="stamp"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected bool IsActive(int local, long stamp) => stamp >= Windows[local].First && stamp <= Windows[local].Last;
}
