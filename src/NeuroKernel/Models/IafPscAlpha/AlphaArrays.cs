using System.Runtime.InteropServices;

namespace NeuroKernel.Models.IafPscAlpha;

/// <summary>References to the state arrays of an <c>iaf_psc_alpha</c> block, as the update's generic code reads them.</summary>
internal readonly ref struct AlphaArrays
{
    public AlphaArrays(IafPscAlphaBlock block)
    {
        V = ref MemoryMarshal.GetArrayDataReference(block.V);
        Refractory = ref MemoryMarshal.GetArrayDataReference(block.Refractory);
        IE = ref MemoryMarshal.GetArrayDataReference(block.IE);
        Y0 = ref MemoryMarshal.GetArrayDataReference(block.Y0);
        DIEx = ref MemoryMarshal.GetArrayDataReference(block.DIEx);
        IEx = ref MemoryMarshal.GetArrayDataReference(block.IEx);
        DIIn = ref MemoryMarshal.GetArrayDataReference(block.DIIn);
        IIn = ref MemoryMarshal.GetArrayDataReference(block.IIn);
    }

    public readonly ref double V;

    public readonly ref double Refractory;

    public readonly ref double IE;

    public readonly ref double Y0;

    public readonly ref double DIEx;

    public readonly ref double IEx;

    public readonly ref double DIIn;

    public readonly ref double IIn;
}
