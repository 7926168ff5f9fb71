package org.recxplain.explain;

import org.recxplain.explain.baseline.CosineNeighbourhoodExplainer;
import org.recxplain.explain.baseline.MahoutBecauseExplainer;
import org.recxplain.explain.baseline.PopularityExplainer;
import org.recxplain.explain.baseline.RandomExplainer;
import org.recxplain.explain.counterfactual.ExactCounterfactualExplainer;
import org.recxplain.explain.counterfactual.ExactRemovalExplainer;
import org.recxplain.explain.counterfactual.BprInfluenceExplainer;
import org.recxplain.explain.counterfactual.FmInfluenceExplainer;
import org.recxplain.explain.counterfactual.FoldInCounterfactualExplainer;
import org.recxplain.explain.counterfactual.NeuMfFullInfluenceExplainer;
import org.recxplain.explain.counterfactual.NeuMfInfluenceExplainer;
import org.recxplain.explain.feature.IntegratedGradientsExplainer;
import org.recxplain.model.neural.NeuMf;
import org.recxplain.explain.neighbourhood.ItemKnnNeighbourhoodExplainer;
import org.recxplain.explain.neighbourhood.MfNeighbourhoodExplainer;
import org.recxplain.model.FeatureRecommender;
import org.recxplain.model.FoldIn;
import org.recxplain.model.bpr.BprMf;
import org.recxplain.model.fm.FactorizationMachine;
import org.recxplain.model.knn.ItemKnn;
import org.recxplain.model.mf.BiasedMf;
import org.recxplain.explain.feature.FeatureLimeExplainer;
import org.recxplain.explain.feature.FeatureShapExplainer;
import org.recxplain.explain.feature.InteractionShapExplainer;
import org.recxplain.explain.feature.KernelShap;
import org.recxplain.explain.feature.LimeRsExplainer;
import org.recxplain.explain.neighbourhood.AlsNeighbourhoodExplainer;
import org.recxplain.model.Recommender;
import org.recxplain.model.als.ImplicitAls;

import java.util.List;

/**
 * Static factories for the explainers ({@code Explainers.neighbourhood(model)}). Each factory checks that
 * the explainer supports the model and says which models it supports otherwise.
 */
public final class Explainers {
    private Explainers() {
    }

    /** The names accepted by {@link #byName(String, Recommender)}. */
    public static List<String> names() {
        return List.of(AlsNeighbourhoodExplainer.NAME, ExactRemovalExplainer.NAME, ExactCounterfactualExplainer.NAME,
                CosineNeighbourhoodExplainer.NAME, MahoutBecauseExplainer.NAME, PopularityExplainer.NAME,
                RandomExplainer.NAME,
                FeatureLimeExplainer.NAME, "lime-stable", LimeRsExplainer.NAME, FeatureShapExplainer.NAME,
                InteractionShapExplainer.NAME, NeuMfFullInfluenceExplainer.NAME, IntegratedGradientsExplainer.NAME);
    }

    /**
     * The exact neighbourhood decomposition of the model's score over the user's history.
     *
     * @throws IllegalArgumentException if the model has no exact decomposition (supported: implicit ALS,
     *                                  item-kNN, biased MF; use {@link #cosine} for black boxes)
     */
    public static Explainer neighbourhood(Recommender model) {
        if (model instanceof ImplicitAls als) {
            return new AlsNeighbourhoodExplainer(als);
        }
        if (model instanceof ItemKnn knn) {
            return new ItemKnnNeighbourhoodExplainer(knn);
        }
        if (model instanceof BiasedMf mf) {
            return new MfNeighbourhoodExplainer(mf);
        }
        throw unsupported(AlsNeighbourhoodExplainer.NAME, model, "als, item-knn, biased-mf (use 'cosine' for others)");
    }

    /**
     * The effect of removing each past interaction on the score: exact (Sherman-Morrison) for implicit
     * ALS and explicit biased MF, where the 10 largest attributions also get the item's rank after the
     * removal; an influence function over the user's own parameters for BPR-MF, FM and NeuMF (see
     * {@link #influenceFull} for NeuMF's all-parameter influence).
     *
     * @throws IllegalArgumentException if the model is not supported (supported: als, biased-mf, bpr, fm,
     *                                  neumf)
     */
    public static Explainer influence(Recommender model) {
        if (model instanceof ImplicitAls als) {
            return ExactRemovalExplainer.of(als, 10);
        }
        if (model instanceof BiasedMf mf) {
            return ExactRemovalExplainer.of(mf, 10);
        }
        if (model instanceof BprMf bpr) {
            return new BprInfluenceExplainer(bpr);
        }
        if (model instanceof FactorizationMachine fm) {
            return new FmInfluenceExplainer(fm);
        }
        if (model instanceof NeuMf neumf) {
            return new NeuMfInfluenceExplainer(neumf);
        }
        throw unsupported(ExactRemovalExplainer.NAME, model, "als, biased-mf, bpr, fm, neumf");
    }

    /**
     * Influence over all of a NeuMF's parameters: (H + damping I)^-1 grad f by conjugate gradient over
     * Hessian-vector products of the user's objective, with {@link NeuMfFullInfluenceExplainer.Config#defaults()}.
     *
     * @throws IllegalArgumentException if the model is not NeuMF
     */
    public static Explainer influenceFull(Recommender model) {
        if (model instanceof NeuMf neumf) {
            return new NeuMfFullInfluenceExplainer(neumf, NeuMfFullInfluenceExplainer.Config.defaults());
        }
        throw unsupported(NeuMfFullInfluenceExplainer.NAME, model, "neumf (use 'influence' for the others)");
    }

    /**
     * Integrated gradients over side features, {@link IntegratedGradientsExplainer#DEFAULT_STEPS} steps.
     *
     * @throws IllegalArgumentException if the model is not NeuMF
     */
    public static Explainer integratedGradients(Recommender model) {
        if (model instanceof NeuMf neumf) {
            return new IntegratedGradientsExplainer(neumf, IntegratedGradientsExplainer.DEFAULT_STEPS);
        }
        throw unsupported(IntegratedGradientsExplainer.NAME, model, "neumf (differentiable models; use 'shap' or "
                + "'lime' for fm)");
    }

    /**
     * A minimal set of past interactions whose removal displaces the item, verified by refitting; five
     * candidate replacements and at most ten removals.
     *
     * @throws IllegalArgumentException if the model is not supported (supported: als, bpr, item-knn,
     *                                  biased-mf)
     */
    public static Explainer counterfactual(Recommender model) {
        return counterfactual(model, 5, 10);
    }

    /**
     * A minimal counterfactual set with the given search budget: exact downdates for implicit ALS and
     * biased MF; for BPR and item-kNN, removals in the order of their influence (BPR) or neighbourhood
     * (item-kNN) weights, each checked by a fold-in refit.
     *
     * @throws IllegalArgumentException if the model does not support fold-in
     */
    public static Explainer counterfactual(Recommender model, int candidates, int maxSetSize) {
        if (model instanceof ImplicitAls als) {
            return new ExactCounterfactualExplainer(als, ExactRemovalExplainer.of(als, 0), candidates, maxSetSize);
        }
        if (model instanceof BiasedMf mf) {
            return new ExactCounterfactualExplainer(mf, ExactRemovalExplainer.of(mf, 0), candidates, maxSetSize);
        }
        if (model instanceof BprMf bpr) {
            return new FoldInCounterfactualExplainer(bpr, influence(bpr), maxSetSize);
        }
        if (model instanceof ItemKnn knn) {
            return new FoldInCounterfactualExplainer(knn, neighbourhood(knn), maxSetSize);
        }
        throw unsupported(ExactCounterfactualExplainer.NAME, model, "als, bpr, item-knn, biased-mf");
    }

    /** Model-agnostic: weights each past interaction by its item's cosine similarity to the explained item. */
    public static Explainer cosine(Recommender model) {
        return new CosineNeighbourhoodExplainer(model);
    }

    /**
     * Mahout's recommendedBecause heuristic, (1 + similarity) x rating: for a wrapped Mahout item-based
     * model with its own similarity, otherwise with log-likelihood similarity over the training data. A
     * heuristic, not a decomposition of the score.
     */
    public static Explainer mahoutBecause(Recommender model) {
        return new MahoutBecauseExplainer(model);
    }

    /** Baseline: weights each past interaction by its item's popularity. */
    public static Explainer popularity(Recommender model) {
        return new PopularityExplainer(model);
    }

    /** Baseline: uniform random weights, seeded. */
    public static Explainer random(Recommender model, long seed) {
        return new RandomExplainer(model, seed);
    }

    /**
     * LIME on side features: feature perturbation for models that read features (FM), LIME-RS (items
     * described by their features around the target) for the others. Seeded.
     */
    public static Explainer lime(Recommender model, long seed) {
        if (model instanceof FeatureRecommender fr) {
            return new FeatureLimeExplainer(fr, FeatureLimeExplainer.Config.defaults(), seed);
        }
        return limeRs(model, seed);
    }

    /**
     * The stabilised LIME: the same answer for every seed on second-order models (exact surrogate
     * coefficients from a balanced design), byte-identical output for one seed.
     *
     * @throws IllegalArgumentException if the model does not read side features
     */
    public static Explainer limeStable(Recommender model, long seed) {
        if (model instanceof FeatureRecommender fr) {
            return new FeatureLimeExplainer(fr, FeatureLimeExplainer.Config.stable(), seed);
        }
        throw unsupported("lime-stable", model, "models that read side features (fm)");
    }

    /** LIME-RS (Nobrega and Marinho 2019) for any model, on the items' side features. Seeded. */
    public static Explainer limeRs(Recommender model, long seed) {
        return new LimeRsExplainer(model, LimeRsExplainer.Config.defaults(), seed);
    }

    /**
     * KernelSHAP over side features, with efficiency enforced. Seeded.
     *
     * @throws IllegalArgumentException if the model does not read side features
     */
    public static Explainer shap(Recommender model, long seed) {
        if (model instanceof FeatureRecommender fr) {
            return new FeatureShapExplainer(fr, KernelShap.DEFAULT_BUDGET, seed);
        }
        throw unsupported(FeatureShapExplainer.NAME, model, "models that read side features (fm)");
    }

    /**
     * KernelSHAP over the user's past interactions: a coalition's value is the score after a fold-in with
     * only those interactions. Seeded.
     *
     * @throws IllegalArgumentException if the model does not support fold-in
     */
    public static Explainer shapInteractions(Recommender model, long seed) {
        if (model instanceof FoldIn f) {
            return new InteractionShapExplainer(f, KernelShap.DEFAULT_BUDGET, seed);
        }
        throw unsupported(InteractionShapExplainer.NAME, model, "fold-in models (als, bpr, item-knn, biased-mf)");
    }

    private static IllegalArgumentException unsupported(String explainer, Recommender model, String supported) {
        return new IllegalArgumentException("the " + explainer + " explainer does not support '"
                + model.info().family() + "' models; supported: " + supported);
    }

    /**
     * An explainer by its CLI name.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones) or an
     *                                  unsupported model
     */
    public static Explainer byName(String name, Recommender model) {
        return byName(name, model, 42L);
    }

    /**
     * An explainer by its CLI name, with the seed for randomised explainers.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones) or an
     *                                  unsupported model
     */
    public static Explainer byName(String name, Recommender model, long seed) {
        return switch (name) {
            case AlsNeighbourhoodExplainer.NAME, "neighborhood" -> neighbourhood(model);
            case ExactRemovalExplainer.NAME -> influence(model);
            case ExactCounterfactualExplainer.NAME -> counterfactual(model);
            case CosineNeighbourhoodExplainer.NAME -> cosine(model);
            case MahoutBecauseExplainer.NAME -> mahoutBecause(model);
            case PopularityExplainer.NAME -> popularity(model);
            case RandomExplainer.NAME -> random(model, seed);
            case FeatureLimeExplainer.NAME -> lime(model, seed);
            case "lime-stable" -> limeStable(model, seed);
            case LimeRsExplainer.NAME -> limeRs(model, seed);
            case FeatureShapExplainer.NAME -> shap(model, seed);
            case InteractionShapExplainer.NAME -> shapInteractions(model, seed);
            case NeuMfFullInfluenceExplainer.NAME -> influenceFull(model);
            case IntegratedGradientsExplainer.NAME -> integratedGradients(model);
            default -> throw new IllegalArgumentException("unknown explainer '" + name + "'; known: "
                    + String.join(", ", names()));
        };
    }
}
