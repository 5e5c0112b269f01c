using System.Runtime.InteropServices;

namespace NeuroKernel.Models.IafPscExp;

/// <summary>References to the state arrays of an <c>iaf_psc_exp</c> block, as the update's generic code reads them.</summary>
internal readonly ref struct ExpArrays
{
    public ExpArrays(IafPscExpBlock block)
    {
        V = ref MemoryMarshal.GetArrayDataReference(block.V);
        Refractory = ref MemoryMarshal.GetArrayDataReference(block.Refractory);
        IE = ref MemoryMarshal.GetArrayDataReference(block.IE);
        Y0 = ref MemoryMarshal.GetArrayDataReference(block.Y0);
        IEx = ref MemoryMarshal.GetArrayDataReference(block.IEx);
        IIn = ref MemoryMarshal.GetArrayDataReference(block.IIn);
        I1 = ref MemoryMarshal.GetArrayDataReference(block.I1);
    }

    public readonly ref double V;

    public readonly ref double Refractory;

    public readonly ref double IE;

    public readonly ref double Y0;

    public readonly ref double IEx;

    public readonly ref double IIn;

    public readonly ref double I1;
}
