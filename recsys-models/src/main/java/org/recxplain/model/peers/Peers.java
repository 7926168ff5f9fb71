package org.recxplain.model.peers;

import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.model.ModelSpec;
import org.recxplain.model.Recommender;

import java.util.List;
import java.util.Objects;

/**
 * Trains the peer-library recommenders by family name, the way {@code Models.train} trains this library's
 * own: {@code mahout-item}, {@code mahout-alswr}, {@code librec-biased-mf} and {@code librec-bpr} (see each
 * class for its parameters). Stateless and thread-safe.
 */
public final class Peers {
    private Peers() {
    }

    /** The families {@link #train} knows. */
    public static List<String> families() {
        return List.of(MahoutItemBased.FAMILY, MahoutAlsWr.FAMILY, LibrecBiasedMf.FAMILY, LibrecBpr.FAMILY);
    }

    /**
     * Trains a peer model of the spec's family on {@code data}.
     *
     * @param seed LibRec's generator seed; recorded only for Mahout (see {@link MahoutAlsWr})
     * @throws IllegalArgumentException for an unknown family, an unknown parameter or a bad value; the message
     *                                  names the family, the parameter and what was expected
     */
    public static Recommender train(ModelSpec spec, Dataset data, long seed) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(data, "data");
        return switch (spec.family()) {
            case MahoutItemBased.FAMILY -> MahoutItemBased.train(data, MahoutItemBased.Config.fromSpec(spec));
            case MahoutAlsWr.FAMILY -> MahoutAlsWr.train(data, MahoutAlsWr.Config.fromSpec(spec), seed);
            case LibrecBiasedMf.FAMILY -> LibrecBiasedMf.train(data, LibrecBiasedMf.Config.fromSpec(spec), seed);
            case LibrecBpr.FAMILY -> LibrecBpr.train(data, LibrecBpr.Config.fromSpec(spec), seed);
            default -> throw new IllegalArgumentException("unknown peer model family '" + spec.family()
                    + "'; known: " + String.join(", ", families()));
        };
    }

    /** Throws unless the spec is of {@code family}. */
    static void requireFamily(ModelSpec spec, String family) {
        if (!spec.family().equals(family)) {
            throw new IllegalArgumentException("a " + family + " configuration cannot be read from a spec of family '"
                    + spec.family() + "'");
        }
    }

    /** The data's interactions, which must not be empty (the libraries cannot train on nothing). */
    static Interactions requireInteractions(Dataset data, String family) {
        Interactions x = Objects.requireNonNull(data, "data").interactions();
        if (x.size() == 0) {
            throw new IllegalArgumentException(family + ": the training data (" + x + ") has no interactions");
        }
        return x;
    }

    /** Checks the number of factors (1..4096) and iterations (&ge; 1). */
    static void checkFactorsAndIterations(int factors, int iterations) {
        if (factors < 1 || factors > 4096) {
            throw new IllegalArgumentException("factors must be in 1..4096, got " + factors);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
    }

    /** Checks an SGD learning rate (&gt; 0) and a regularisation weight (&ge; 0), both finite. */
    static void checkRates(double learningRate, double regularization) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a positive finite number, got " + learningRate);
        }
        if (!(regularization >= 0) || Double.isInfinite(regularization)) {
            throw new IllegalArgumentException("regularization must be a finite number >= 0, got " + regularization);
        }
    }
}
