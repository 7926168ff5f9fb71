package org.recxplain.model.neural;

import org.recxplain.data.Dataset;
import org.recxplain.data.split.Split;
import org.recxplain.data.split.Splitters;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.Popularity;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() {
        Dataset d = new SyntheticData(600, 400, 10, 2, 30, 0.05, 3).generate().dataset();
        Split s = Splitters.leaveLastOut(1).split(d.interactions());
        Dataset train = d.withInteractions(s.train());
        long t = System.nanoTime();
        NeuMf.Config c = NeuMf.Config.defaults().withEpochs(2).withBatchSize(256);
        try (NeuMf m = NeuMf.train(train, c)) {
            System.out.println("train ms " + (System.nanoTime() - t) / 1e6);
            System.out.println("neumf " + HoldoutMetrics.evaluate(m, s.train(), s.test(), 10));
            System.out.println("pop " + HoldoutMetrics.evaluate(Popularity.train(train), s.train(), s.test(), 10));
        }
    }
}
