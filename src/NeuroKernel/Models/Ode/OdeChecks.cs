namespace NeuroKernel.Models.Ode;

/// <summary>Names the RKF45-integrated models share.</summary>
internal static class OdeNames
{
    /// <summary>The recordable time left in the refractory period (ms).</summary>
    public const string TRefRemaining = "t_ref_remaining";
}

/// <summary>NEST's parameter checks of its conductance-based and adaptive models, with NEST's sentences.</summary>
internal static class OdeChecks
{
    /// <summary>V_reset &lt; V_th.</summary>
    public static void ResetBelowThreshold(double vReset, double vTh)
    {
        if (vReset >= vTh)
        {
            throw ParameterReader.Bad("V_reset", vReset, $"Reset potential must be smaller than threshold (V_th = {StatusDictionary.Describe(vTh)}).");
        }
    }

    /// <summary>C_m &gt; 0.</summary>
    public static void Capacitance(double cM)
    {
        if (cM <= 0.0)
        {
            throw ParameterReader.Bad("C_m", cM, "Capacitance must be strictly positive.");
        }
    }

    /// <summary>t_ref ≥ 0.</summary>
    public static void RefractoryTime(double tRef)
    {
        if (tRef < 0.0)
        {
            throw ParameterReader.Bad("t_ref", tRef, "Refractory time cannot be negative.");
        }
    }

    /// <summary>Every time constant &gt; 0.</summary>
    public static void TimeConstants(params ReadOnlySpan<(string Key, double Value)> constants)
    {
        foreach (var (key, value) in constants)
        {
            if (value <= 0.0)
            {
                throw ParameterReader.Bad(key, value, "All time constants must be strictly positive.");
            }
        }
    }

    /// <summary>gsl_error_tol &gt; 0.</summary>
    public static void ErrorTolerance(double tolerance)
    {
        if (tolerance <= 0.0)
        {
            throw ParameterReader.Bad("gsl_error_tol", tolerance, "The gsl_error_tol must be strictly positive.");
        }
    }

    /// <summary>Every channel conductance ≥ 0 (Hodgkin–Huxley models).</summary>
    public static void NonNegativeConductances(params ReadOnlySpan<(string Key, double Value)> conductances)
    {
        foreach (var (key, value) in conductances)
        {
            if (value < 0.0)
            {
                throw ParameterReader.Bad(key, value, "All conductances must be non-negative.");
            }
        }
    }

    /// <summary>The gating variables Act_m, Inact_h, Act_n ≥ 0.</summary>
    public static void NonNegativeGates(double m, double h, double n)
    {
        foreach (var (key, value) in (ReadOnlySpan<(string, double)>)[("Act_m", m), ("Inact_h", h), ("Act_n", n)])
        {
            if (value < 0.0)
            {
                throw ParameterReader.Bad(key, value, "All (in)activation variables must be non-negative.");
            }
        }
    }
}
