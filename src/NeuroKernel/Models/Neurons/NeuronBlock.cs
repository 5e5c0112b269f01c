using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;

namespace NeuroKernel.Models.Neurons;

/// <summary>
/// A population of one leaky integrate-and-fire model with struct-of-arrays state (Auryn's neuron group).
/// Neurons whose parameters are equal form segments that share one set of propagators (usually one segment
/// for the whole block); <c>I_e</c> is per neuron. The update walks the block in cache-sized chunks and takes
/// each chunk through all lags of the slice: neurons do not interact within a slice, because every delay is at
/// least min_delay, so each state array is read and written once per slice instead of once per step.
/// </summary>
internal abstract class NeuronBlock<TParameters, TPropagators> : NodeBlock
    where TParameters : class, INeuronParameters<TParameters>
    where TPropagators : struct, IPropagators
{
    private const int ChunkSize = UpdateLayout.ChunkSize;
    private const int LagsPerPass = UpdateLayout.LagsPerPass;
    private const int MaskStride = UpdateLayout.MaskStride;

    private bool _wholeSlices;
    private bool _tookWholeSlices;
    private int[] _segmentStart = [];
    private TPropagators[] _propagators = [];

    protected NeuronBlock(NeuronModel<TParameters> model, int firstId, int count) : base(model, firstId, count)
    {
        V = new double[count];
        Refractory = new double[count];
        IE = new double[count];
        Y0 = new double[count];
        ParametersOf = new TParameters[count];
        Array.Fill(V, model.VRelative);
        Array.Fill(IE, model.IE);
        Array.Fill(ParametersOf, model.Parameters);
    }

    /// <summary>Membrane potential relative to E_L (mV).</summary>
    internal double[] V { get; }

    /// <summary>Refractory steps left, as a double so that the update vectorizes.</summary>
    internal double[] Refractory { get; }

    /// <summary>Constant input current I_e (pA), per neuron.</summary>
    internal double[] IE { get; }

    /// <summary>Current from current generators applied in the step (pA), NEST's y0.</summary>
    internal double[] Y0 { get; }

    protected TParameters[] ParametersOf { get; }

    public override bool HasUpdate => true;

    public override bool CanSplit => true;

    public override StatusDictionary GetStatus(int local)
    {
        var p = ParametersOf[local];
        var d = new StatusDictionary();
        p.Write(d);
        d[ParameterNames.IE] = IE[local];
        foreach (string name in Model.Recordables)
        {
            d[name] = Recordable(local, name);
        }

        return d;
    }

    public override bool TryGetStatusNumber(int local, string key, out double value)
    {
        if (key == ParameterNames.IE)
        {
            value = IE[local];
            return true;
        }

        if (Model.Recordables.Contains(key))
        {
            value = Recordable(local, key);
            return true;
        }

        value = 0.0;
        return false;
    }

    public override Action ValidateStatus(int local, StatusDictionary values)
    {
        var (p, ie, v) = NeuronModel<TParameters>.Read(values, Model.Name, ParametersOf[local], IE[local], V[local], Model.Recordables);
        return () =>
        {
            ParametersOf[local] = p.Equals(ParametersOf[local]) ? ParametersOf[local] : p;
            IE[local] = ie;
            V[local] = v;
        };
    }

    public override double ReadRecordable(int local, string name) => Recordable(local, name);

    /// <summary>Value of a recordable of one neuron (mV or pA).</summary>
    public double Recordable(int local, string name) =>
        name == ParameterNames.VM ? V[local] + ParametersOf[local].Membrane.EL : RecordableState(local, name);

    /// <summary>Recordables other than V_m.</summary>
    protected abstract double RecordableState(int local, string name);

    public override double TauMinus(int local) => ParametersOf[local].Membrane.TauMinus;

    protected abstract TPropagators CreatePropagators(TParameters p, TimeGrid grid);

    public override void Prepare(PrepareContext context)
    {
        var starts = new List<int>();
        var props = new List<TPropagators>();
        for (int i = 0; i < Count; i++)
        {
            if (i == 0 || !ReferenceEquals(ParametersOf[i], ParametersOf[i - 1]) && !ParametersOf[i].Equals(ParametersOf[i - 1]))
            {
                starts.Add(i);
                var propagators = CreatePropagators(ParametersOf[i], context.Grid);
                PropagatorCheck.RequireFinite(in propagators, Model.Name, context.Grid, ParametersOf[i]);
                props.Add(propagators);
            }
        }

        starts.Add(Count);
        _wholeSlices = context.WholeSliceUpdate && HasSliceStep;
        _segmentStart = [.. starts];
        _propagators = [.. props];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public override void Update(in SliceContext slice, int start, int end, SpikeList spikes)
    {
        spikes.Clear();
        System.Diagnostics.Debug.Assert(!slice.Rings.SharedSpikeChannels || !Model.SeparatesSpikeChannels, "Channels shared under a model that reads them apart.");
        Span<int> slots = stackalloc int[LagsPerPass];
        Span<byte> fired = stackalloc byte[LagsPerPass * MaskStride];
        for (int chunk = start; chunk < end; chunk += ChunkSize)
        {
            int chunkEnd = Math.Min(end, chunk + ChunkSize);
            var (firstRequest, endRequest) = RequestsIn(chunk, chunkEnd);
            var (s0, s1) = SegmentsIn(chunk, chunkEnd);
            // Multimeters sample after every step and current generators change y0 from step to step: their
            // chunks go lag by lag.
            if (_wholeSlices && firstRequest == endRequest && !slice.Rings.HasCurrents)
            {
                UpdateWholeSlice(in slice, chunk, chunkEnd, s0, s1, slots, fired, spikes);
                continue;
            }

            for (int lag = 0; lag < slice.Steps; lag++)
            {
                StepLag(in slice, lag, chunk, chunkEnd, s0, s1, spikes);
                for (int q = firstRequest; q < endRequest; q++)
                {
                    Sample(SampleRequests[q], slice.Step0 + lag + 1);
                }
            }
        }
    }

    /// <summary>
    /// Takes neurons [chunk, chunkEnd) through the slice's lags with the model's whole-slice step (state kept in
    /// registers across lags), a pass of at most <see cref="LagsPerPass"/> lags at a time; the few neurons beyond the
    /// last whole vector of a segment go lag by lag. Spikes still reach each lag's list in ascending order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateWholeSlice(in SliceContext slice, int chunk, int chunkEnd, int s0, int s1, Span<int> slots, Span<byte> fired, SpikeList spikes)
    {
        if (!_tookWholeSlices)
        {
            // Written once: a store on every chunk would bounce the block's cache line between the threads.
            _tookWholeSlices = true;
        }

        var rings = slice.Rings;
        for (int lag0 = 0; lag0 < slice.Steps; lag0 += LagsPerPass)
        {
            int lags = Math.Min(LagsPerPass, slice.Steps - lag0);
            for (int j = 0; j < lags; j++)
            {
                slots[j] = rings.SlotBase(slice.Step0 + lag0 + j) + ReceiverOffset;
            }

            var input = new SliceInput(rings.Excitatory, rings.Inhibitory, slots[..lags]);
            for (int s = s0; s < s1; s++)
            {
                int from = Math.Max(chunk, _segmentStart[s]), to = Math.Min(chunkEnd, _segmentStart[s + 1]);
                int done = StepSlice(in _propagators[s], from, to, in input, fired);
                int vectors = (done - from) / Vector512<double>.Count;
                for (int j = 0; vectors > 0 && j < lags; j++)
                {
                    UpdateLayout.AddSpikes(fired.Slice(j * MaskStride, vectors), from, lag0 + j, spikes);
                }

                for (int j = 0; done < to && j < lags; j++)
                {
                    StepLag(in slice, lag0 + j, done, to, s, s + 1, spikes);
                }
            }
        }
    }

    /// <summary>
    /// One lag of neurons [from, to) through segments [<paramref name="s0"/>, <paramref name="s1"/>) (those they span),
    /// then their ring cells of that lag cleared.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepLag(in SliceContext slice, int lag, int from, int to, int s0, int s1, SpikeList spikes)
    {
        // One buffer for both signs (only iaf_psc_delta-like models in the network): the step gets no inh span.
        var cells = new LagCells(slice.Rings, slice.Step0 + lag, ReceiverOffset, Count);
        // Without current generators the DC input stays as it is (zero): read y0 back instead of a ring.
        var input = new StepInput(cells.Excitatory, cells.Inhibitory, cells.Current.IsEmpty ? Y0 : cells.Current, cells.Filtered);
        for (int s = s0; s < s1; s++)
        {
            int segmentFrom = Math.Max(from, _segmentStart[s]), segmentTo = Math.Min(to, _segmentStart[s + 1]);
            if (segmentFrom < segmentTo)
            {
                Step(in _propagators[s], segmentFrom, segmentTo, lag, input, spikes);
            }
        }

        cells.Clear(from, to);
    }

    /// <summary>
    /// The segments that overlap neurons [<paramref name="from"/>, <paramref name="to"/>): [First, End). A binary search,
    /// so that a block whose neurons all have their own parameters costs per chunk what one segment does.
    /// </summary>
    private (int First, int End) SegmentsIn(int from, int to)
    {
        int segments = _propagators.Length;
        int first = Array.BinarySearch(_segmentStart, 0, segments, from);
        first = first >= 0 ? first : ~first - 1;
        int end = first;
        while (end < segments && _segmentStart[end] < to)
        {
            end++;
        }

        return (first, end);
    }

    /// <summary>Whether a chunk of this block went through the whole-slice update since the block was created (for tests).</summary>
    internal override bool TookWholeSlices => Volatile.Read(ref _tookWholeSlices);

    /// <summary>Whether the model overrides <see cref="StepSlice"/>; the others always go lag by lag.</summary>
    protected virtual bool HasSliceStep => false;

    /// <summary>
    /// The whole-slice step (<see cref="NeuronDrivers{TArrays, TVector, TScalar, TVectorConstants, TScalarConstants, TPropagators}.StepSlice"/> with the model's group): takes groups of
    /// eight neurons from <paramref name="start"/> through every lag of <paramref name="input"/> with their state in
    /// registers and clears the ring cells it reads. Lane masks of who fired go to <paramref name="fired"/>[lag·<see cref="MaskStride"/>
    /// + group]. Returns the first neuron it did not handle.
    /// </summary>
    protected virtual int StepSlice(in TPropagators p, int start, int end, in SliceInput input, Span<byte> fired) =>
        throw new NotSupportedException($"{Model.Name} has no whole-slice step.");

    /// <summary>
    /// One step of neurons [start, end) in the model's update order (<see cref="NeuronDrivers{TArrays, TVector, TScalar, TVectorConstants, TScalarConstants, TPropagators}.Step"/>
    /// with the model's group); appends spikes at <paramref name="lag"/>.
    /// </summary>
    protected abstract void Step(in TPropagators p, int start, int end, int lag, in StepInput input, SpikeList spikes);
}
