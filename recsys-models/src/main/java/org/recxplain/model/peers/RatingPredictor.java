package org.recxplain.model.peers;

import org.recxplain.model.Recommender;

/**
 * A recommender that can predict ratings on the training data's own scale, for rating-error metrics (RMSE,
 * MAE). Whether a given instance does is {@link #predictsRatings()} (an ALS model trained on implicit
 * confidence does not, the same class trained on explicit ratings does).
 *
 * <p>Thread-safety: as {@link Recommender}.
 */
public interface RatingPredictor extends Recommender {

    /** Whether {@link #predictRating(int, int)} gives ratings on the data's scale. */
    boolean predictsRatings();

    /**
     * The predicted rating of {@code item} by {@code user}, or NaN where the model cannot predict it (a user
     * or item unknown to it, an undefined estimate) or does not predict ratings at all.
     *
     * @throws IndexOutOfBoundsException if the user or item index is out of range
     */
    double predictRating(int user, int item);
}
