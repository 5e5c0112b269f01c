namespace NeuroKernel.Models.Neurons;

/// <summary>A yes/no known when the code is compiled: a struct type argument, so that each answer gets its own loop.</summary>
internal interface IFlag
{
    static abstract bool Value { get; }
}

/// <summary>Yes.</summary>
internal readonly struct On : IFlag
{
    public static bool Value => true;
}

/// <summary>No.</summary>
internal readonly struct Off : IFlag
{
    public static bool Value => false;
}
