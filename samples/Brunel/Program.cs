// Random balanced network (alpha synapses) connected with explicit source arrays.
//
// A line-by-line port of NEST's brunel_alpha_numpy.py: an excitatory and an inhibitory population of
// iaf_psc_alpha neurons (Brunel 2000), driven by a Poisson generator, wired by drawing CE excitatory and
// CI inhibitory sources for every neuron. Custom synapse models (CopyModel) let us ask how many synapses
// were made; spike recorders give the firing rates; building and simulation are timed separately.
//
//   dotnet run -c Release --project samples/Brunel [-- --order 2500 --simtime 1000 --threads 1 --model alpha]
//
// --model delta runs NEST's brunel_delta_nest.py variant instead: iaf_psc_delta neurons (C_m 1 pF), PSPs of
// J = 0.1 mV as voltage jumps, and p_rate = 20,000 Hz.
//
// Reference: Brunel N, Dynamics of Sparsely Connected Networks of Excitatory and Inhibitory Spiking
// Neurons, Journal of Computational Neuroscience 8, 183-208 (2000).

using System.Diagnostics;
using System.Globalization;
using NeuroKernel;
using NeuroKernel.Numerics;
using NeuroKernel.Plotting;

Options options;
try
{
    options = Options.Parse(args);
}
catch (OperationCanceledException help)
{
    Console.WriteLine(help.Message);
    return 0;
}
catch (ArgumentException bad)
{
    Console.Error.WriteLine($"Brunel: {bad.Message} (see --help)");
    return 2;
}

bool delta = options.Model == "delta";
using var sim = new Simulator();   // nest.ResetKernel()

// Assigning the current time to a variable in order to determine the build time of the network.
var startBuild = Stopwatch.StartNew();

// Simulation parameters.
double dt = Options.Resolution;  // the resolution in ms (0.1)
double simtime = options.SimTime; // simulation time in ms
double delay = 1.5;              // synaptic delay in ms

// Parameters for asynchronous irregular firing.
double g = 5.0;        // ratio inhibitory weight / excitatory weight
double eta = 2.0;      // external rate relative to threshold rate
double epsilon = 0.1;  // connection probability

// Number of neurons in the network and of neurons recorded from.
int order = options.Order;
int NE = 4 * order;           // number of excitatory neurons
int NI = 1 * order;           // number of inhibitory neurons
int N_neurons = NE + NI;      // number of neurons in total
int N_rec = Math.Min(50, NI);  // record from 50 neurons (fewer when a population is smaller)

// Connectivity.
int CE = (int)(epsilon * NE); // number of excitatory synapses per neuron
int CI = (int)(epsilon * NI); // number of inhibitory synapses per neuron

// Neuron and synapse parameters. The synaptic currents are normalized so that the PSP amplitude is J.
double tauSyn = 0.5;   // synaptic time constant in ms
double tauMem = 20.0;  // time constant of membrane potential in ms
double CMem = 250.0;   // capacitance of membrane in pF
double theta = 20.0;   // membrane threshold potential in mV
var neuron_params = new StatusDictionary
{
    ["C_m"] = CMem,
    ["tau_m"] = tauMem,
    ["tau_syn_ex"] = tauSyn,
    ["tau_syn_in"] = tauSyn,
    ["t_ref"] = 2.0,
    ["E_L"] = 0.0,
    ["V_reset"] = 0.0,
    ["V_m"] = 0.0,
    ["V_th"] = theta,
};
double J = 0.1;                                                  // PSP amplitude in mV
double J_unit = PostSynapticPotential.AlphaPeakPerUnitCurrent(tauMem, CMem, tauSyn); // ComputePSPnorm (Lambert W)
double J_ex = J / J_unit;                                        // amplitude of excitatory PSC (pA)
double J_in = -g * J_ex;                                         // amplitude of inhibitory PSC (pA)

// Threshold rate, external rate and the Poisson generator's rate (in-degree CE, converted to Hz).
double nu_th = theta * CMem / (J_ex * CE * Math.E * tauMem * tauSyn);
string neuronModel = "iaf_psc_alpha";
if (delta)
{
    // brunel_delta_nest.py: the weight is the PSP itself (a voltage jump), C_m = 1 pF, V_reset = 10 mV.
    neuronModel = "iaf_psc_delta";
    neuron_params = new() { ["C_m"] = 1.0, ["tau_m"] = tauMem, ["t_ref"] = 2.0, ["E_L"] = 0.0, ["V_reset"] = 10.0, ["V_m"] = 0.0, ["V_th"] = theta };
    J_ex = J;
    J_in = -g * J_ex;
    nu_th = theta / (J * CE * tauMem);
}

double nu_ex = eta * nu_th;
double p_rate = 1000.0 * nu_ex * CE;

// Kernel: resolution, progress output, and permission to overwrite the spike files of an earlier run.
sim.SetKernelStatus(new()
{
    ["resolution"] = dt,
    ["print_time"] = options.PrintTime,
    ["overwrite_files"] = true,
    ["local_num_threads"] = options.Threads,
    ["rng_seed"] = options.Seed,
    ["data_path"] = options.OutputDirectory,
});

// A network that cannot fit is refused before it is built: about 8 bytes per synapse at the peak of the build (the
// connections as made, then sorted into the store), against the memory this process may use.
long synapseEstimate = (long)N_neurons * (CE + CI);
long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
if (synapseEstimate * 8.0 > available)
{
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Brunel: --order {order} needs about {synapseEstimate * 8.0 / 1e9:F1} GB for its {synapseEstimate} synapses; this machine allows {available / 1e9:F1} GB"));
    return 2;
}

Console.WriteLine("Building network");

// Model defaults: every node created after this starts from them.
sim.SetDefaults(neuronModel, neuron_params);
sim.SetDefaults("poisson_generator", new() { ["rate"] = p_rate });

// Nodes: the two populations, the noise and two spike recorders (NEST 2's name spike_detector).
var nodes_ex = sim.Create(neuronModel, NE);
var nodes_in = sim.Create(neuronModel, NI);
var noise = sim.Create("poisson_generator");
var espikes = sim.Create("spike_detector");
var ispikes = sim.Create("spike_detector");

// Spike files in NEST 2's .gdf layout (gid<TAB>time), named after the label.
sim.SetStatus(espikes, [new() { ["label"] = "brunel-py-ex", ["withtime"] = true, ["withgid"] = true, ["to_file"] = true }]);
sim.SetStatus(ispikes, [new() { ["label"] = "brunel-py-in", ["withtime"] = true, ["withgid"] = true, ["to_file"] = true }]);

Console.WriteLine("Connecting devices");

// Custom synapse models with the weights and delay; their num_connections count the synapses.
sim.CopyModel("static_synapse", "excitatory", new() { ["weight"] = J_ex, ["delay"] = delay });
sim.CopyModel("static_synapse", "inhibitory", new() { ["weight"] = J_in, ["delay"] = delay });

// The generator drives every neuron (default rule all_to_all); each neuron gets its own Poisson train.
sim.Connect(noise, nodes_ex, syn: "excitatory");
sim.Connect(noise, nodes_in, syn: "excitatory");

// The first N_rec neurons of each population feed the recorders.
sim.Connect(nodes_ex[..N_rec], espikes, syn: "excitatory");
sim.Connect(nodes_in[..N_rec], ispikes, syn: "excitatory");

Console.WriteLine("Connecting network");

if (options.Variant == "nest")
{
    // brunel_alpha_nest.py: NEST's fixed_indegree rule draws CE excitatory and CI inhibitory sources for every
    // neuron from the kernel's seeded streams.
    var all = nodes_ex + nodes_in;
    sim.Connect(nodes_ex, all, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = CE }, "excitatory");
    sim.Connect(nodes_in, all, new StatusDictionary { ["rule"] = "fixed_indegree", ["indegree"] = CI }, "inhibitory");
}
else
{
    // Draw the sources of every neuron: ids 1..NE are excitatory, NE+1..NE+NI inhibitory. The seed draws the
    // whole matrices at once (numpy.random.seed(1234); numpy.random.randint(1, NE + 1, (N_neurons, CE))); drawing
    // them row by row gives the same numbers in the same order and holds one row at a time.
    var rng = new SeededRandom(options.Seed);
    var sources_ex = new int[CE];
    var sources_in = new int[CI];

    // One Connect per target, as the seed's loops do: first the excitatory, then the inhibitory inputs.
    for (int n = 0; n < N_neurons; n++)
    {
        rng.Fill(sources_ex, 1, NE + 1);
        sim.Connect(sources_ex, n + 1, syn: "excitatory");
    }

    for (int n = 0; n < N_neurons; n++)
    {
        rng.Fill(sources_in, NE + 1, N_neurons + 1);
        sim.Connect(sources_in, n + 1, syn: "inhibitory");
    }
}

// End of the build.
double build_time = startBuild.Elapsed.TotalSeconds;

Console.WriteLine("Simulating");
var startSimulate = Stopwatch.StartNew();
bool interrupted = false;
try
{
    sim.Simulate(simtime);
}
catch (SimulationInterruptedException stop)
{
    // Ctrl-C: the kernel stopped at a slice boundary with every recorded spike saved; report what was simulated.
    interrupted = true;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Interrupted at {stop.TimeMs} ms of {simtime} ms"));
    simtime = stop.TimeMs;
}

double sim_time = startSimulate.Elapsed.TotalSeconds;

// Spikes counted by the recorders, and the average rates of the recorded neurons (Hz).
long events_ex = sim.GetStatus(espikes).Get<long>("n_events");
long events_in = sim.GetStatus(ispikes).Get<long>("n_events");
double rate_ex = simtime > 0 ? events_ex / simtime * 1000.0 / N_rec : 0.0;
double rate_in = simtime > 0 ? events_in / simtime * 1000.0 / N_rec : 0.0;

// Synapses made with the two custom models (device connections included, as NEST counts them).
long num_synapses = sim.GetDefaults("excitatory").Get<long>("num_connections")
                  + sim.GetDefaults("inhibitory").Get<long>("num_connections");

var ci = CultureInfo.InvariantCulture;
Console.WriteLine("Brunel network simulation (C#)");
Console.WriteLine(string.Create(ci, $"Number of neurons : {N_neurons}"));
Console.WriteLine(string.Create(ci, $"Number of synapses: {num_synapses}"));
Console.WriteLine(string.Create(ci, $"       Exitatory  : {(long)CE * N_neurons + N_neurons}"));
Console.WriteLine(string.Create(ci, $"       Inhibitory : {(long)CI * N_neurons}"));
Console.WriteLine(string.Create(ci, $"Excitatory rate   : {rate_ex:F2} Hz"));
Console.WriteLine(string.Create(ci, $"Inhibitory rate   : {rate_in:F2} Hz"));
Console.WriteLine(string.Create(ci, $"Building time     : {build_time:F2} s"));
Console.WriteLine(string.Create(ci, $"Simulation time   : {sim_time:F2} s"));

// Raster plot of the recorded excitatory neurons with the population rate under it, next to the spike files
// (nest.raster_plot.from_device(espikes, hist=True) in the seed).
if (options.Plot)
{
    string rasterPath = Path.Combine(options.OutputDirectory, "brunel_raster.png");
    RasterPlot.FromRecorder(sim, espikes, rasterPath, new RasterPlotOptions { Title = "Brunel network: excitatory neurons", NeuronCount = N_rec });
    Console.WriteLine($"Raster plot       : {rasterPath}");
}

// 130 = 128 + SIGINT, the shell's code for a program ended by Ctrl-C.
return interrupted ? 130 : 0;
