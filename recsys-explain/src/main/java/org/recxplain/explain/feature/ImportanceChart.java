package org.recxplain.explain.feature;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.recxplain.explain.feature.ImportanceResult.GroupImportance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A bar chart of a {@link ImportanceResult}: one bar per feature group (the mean metric drop, largest
 * first) with its standard deviation as error bar, written as PNG with XChart. Needs no display (AWT runs
 * headless). Stateless and thread-safe.
 */
public final class ImportanceChart {
    private ImportanceChart() {
    }

    /**
     * Writes the chart to {@code file} (replacing it).
     *
     * @throws IOException if the file cannot be written
     */
    public static void writePng(ImportanceResult result, Path file) throws IOException {
        List<GroupImportance> groups = new ArrayList<>(result.groups());
        groups.sort((a, b) -> Double.compare(b.mean(), a.mean()));
        List<String> names = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> stds = new ArrayList<>();
        for (GroupImportance g : groups) {
            names.add(g.label());
            means.add(g.mean());
            stds.add(g.std());
        }
        CategoryChart chart = new CategoryChartBuilder().width(800).height(450)
                .title("Permutation importance (" + result.modelId() + ")").xAxisTitle("feature group")
                .yAxisTitle(result.metric() + " drop").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setErrorBarsColor(java.awt.Color.DARK_GRAY);
        if (!names.isEmpty()) {
            chart.addSeries("mean drop", names, means, stds);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
