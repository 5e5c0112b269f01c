using System.Runtime.InteropServices;

namespace NeuroKernel.Models.IafPscDelta;

/// <summary>References to the state arrays of an <c>iaf_psc_delta</c> block, as the update's generic code reads them.</summary>
internal readonly ref struct DeltaArrays
{
    public DeltaArrays(IafPscDeltaBlock block)
    {
        V = ref MemoryMarshal.GetArrayDataReference(block.V);
        Refractory = ref MemoryMarshal.GetArrayDataReference(block.Refractory);
        IE = ref MemoryMarshal.GetArrayDataReference(block.IE);
        Y0 = ref MemoryMarshal.GetArrayDataReference(block.Y0);
        RefractoryInput = ref MemoryMarshal.GetArrayDataReference(block.RefractoryInput);
    }

    public readonly ref double V;

    public readonly ref double Refractory;

    public readonly ref double IE;

    public readonly ref double Y0;

    public readonly ref double RefractoryInput;
}
