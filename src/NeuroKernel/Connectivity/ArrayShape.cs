namespace NeuroKernel.Connectivity;

/// <summary>
/// The shape that per-connection weight and delay arrays must have for one Connect call (NEST's rule-specific shapes:
/// [targets, sources] for all_to_all, one value per pair for one_to_one, …), or none when the rule takes no arrays.
/// </summary>
public readonly record struct ArrayShape
{
    private ArrayShape(int rows, int columns, bool isMatrix, bool allowsArrays)
    {
        Rows = rows;
        Columns = columns;
        IsMatrix = isMatrix;
        AllowsArrays = allowsArrays;
    }

    /// <summary>No arrays: the number of connections is not known in advance (use a distribution instead).</summary>
    public static ArrayShape None { get; }

    /// <summary>Rows of a matrix (1 for a vector).</summary>
    public int Rows { get; }

    /// <summary>Columns of a matrix, or the length of a vector.</summary>
    public int Columns { get; }

    /// <summary>True for a 2-D array (<c>double[,]</c> or <c>double[][]</c>).</summary>
    public bool IsMatrix { get; }

    /// <summary>False for <see cref="None"/>.</summary>
    public bool AllowsArrays { get; }

    /// <summary>A 1-D array of <paramref name="length"/> values.</summary>
    /// <param name="length">Number of values.</param>
    /// <returns>The shape.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public static ArrayShape Vector(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new(1, length, isMatrix: false, allowsArrays: true);
    }

    /// <summary>A 2-D array of <paramref name="rows"/> × <paramref name="columns"/> values.</summary>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columns">Number of columns.</param>
    /// <returns>The shape.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    public static ArrayShape Matrix(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        return new(rows, columns, isMatrix: true, allowsArrays: true);
    }
}
