using NeuroKernel.Models.Devices;
using NeuroKernel.Models.IafPscAlpha;
using NeuroKernel.Models.IafPscDelta;
using NeuroKernel.Models.IafPscExp;
using NeuroKernel.Models.ParrotNeuron;
using NeuroKernel.Recording;

namespace NeuroKernel.Models;

/// <summary>
/// The built-in node models, one line each (NEST's generated <c>models.cpp</c>). An explicit list, no
/// reflection scanning, which also keeps the library trimming- and AOT-friendly.
/// </summary>
internal static class ModelCatalog
{
    public static void RegisterBuiltIns(ModelRegistry r)
    {
        r.Register(new IafPscAlphaModel());
        r.Register(new IafPscDeltaModel());
        r.Register(new IafPscExpModel());
        r.Register(new ParrotNeuronModel());
        r.Register(new Ode.OdeNeuronModel<Ode.IafCondAlpha>());
        r.Register(new Ode.OdeNeuronModel<Ode.AeifCondAlpha>());
        r.Register(new Ode.OdeNeuronModel<Ode.IafCondExp>());
        r.Register("iaf_cond_exp_sfa_rr", () => new Ode.OdeNeuronModel<Ode.IafCondExpSfaRr>());
        r.Register(new Ode.OdeNeuronModel<Ode.IafCondBeta>());
        r.Register(new Ode.OdeNeuronModel<Ode.AeifCondExp>());
        r.Register(new Ode.OdeNeuronModel<Ode.AeifPscAlpha>());
        r.Register(new Ode.OdeNeuronModel<Ode.HhPscAlpha>());
        r.Register(new Ode.OdeNeuronModel<Ode.HhCondExpTraub>());
        r.Register(new Ode.OdeNeuronModel<Ode.Izhikevich>());
        r.Register(new Ode.OdeNeuronModel<Ode.Mat2PscExp>());
        r.Register("iaf_psc_exp_multisynapse", () => new NeuronObjects.NeuronObjectModel<NeuronObjects.IafPscExpMultisynapse>("iaf_psc_exp_multisynapse"));
        r.Register("iaf_psc_alpha_multisynapse", () => new NeuronObjects.NeuronObjectModel<NeuronObjects.IafPscAlphaMultisynapse>("iaf_psc_alpha_multisynapse"));
        r.Register("aeif_cond_beta_multisynapse", () => new NeuronObjects.NeuronObjectModel<NeuronObjects.AeifCondBetaMultisynapse>("aeif_cond_beta_multisynapse"));
        r.Register("gif_psc_exp", () => new NeuronObjects.NeuronObjectModel<NeuronObjects.GifPscExp>("gif_psc_exp"));
        r.Register("gif_cond_exp", () => new NeuronObjects.NeuronObjectModel<NeuronObjects.GifCondExp>("gif_cond_exp"));
        r.Register("gif_cond_exp_multisynapse", () => new NeuronObjects.NeuronObjectModel<NeuronObjects.GifCondExpMultisynapse>("gif_cond_exp_multisynapse"));
        r.Register("glif_psc", () => new NeuronObjects.NeuronObjectModel<NeuronObjects.GlifPsc>("glif_psc"));
        r.Register("glif_cond", () => new NeuronObjects.NeuronObjectModel<NeuronObjects.GlifCond>("glif_cond"));
        r.Register(new PoissonGeneratorModel());
        r.Register(new DcGeneratorModel());
        r.Register(new AcGeneratorModel());
        r.Register(new StepCurrentGeneratorModel());
        r.Register("step_rate_generator", () => new StepRateGeneratorModel());
        r.Register(new SinusoidalPoissonGeneratorModel());
        r.Register(new InhomogeneousPoissonGeneratorModel());
        r.Register(new NoiseGeneratorModel());
        r.Register(new MipGeneratorModel());
        r.Register(new PulsePacketGeneratorModel());
        r.Register("gamma_sup_generator", () => new GammaSupGeneratorModel());
        r.Register("ppd_sup_generator", () => new PpdSupGeneratorModel());
        r.Register("sinusoidal_gamma_generator", () => new SinusoidalGammaGeneratorModel());
        r.Register(new SpikeGeneratorModel());
        r.Register(new SpikeRecorderModel(ModelNames.SpikeRecorder));
        r.Register(new SpikeRecorderModel(ModelNames.SpikeDetector));
        r.Register(new WeightRecorderModel());
        r.Register("correlation_detector", () => new CorrelationDetectorModel("correlation_detector", matrix: false));
        r.Register("correlomatrix_detector", () => new CorrelationDetectorModel("correlomatrix_detector", matrix: true));
        r.Register(new VolumeTransmitter.VolumeTransmitterModel());
        r.Register(new MultimeterModel(ModelNames.Multimeter, []));
        r.Register(new MultimeterModel(ModelNames.Voltmeter, [ParameterNames.VM]));
    }
}
