package io.edgeloop.dataset;

import static io.edgeloop.dataset.Colours.hsb;

import java.awt.Color;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * How the packages of one class look: shape, colours, print and label. Derived from the class name alone, so
 * every class, also one added tomorrow, looks the same on every run and different from the others.
 *
 * @param aspect    width of the front face over its height
 * @param printSeed fixes the printed pattern: a product's print does not change from photo to photo
 */
record ClassLook(Pack pack, double aspect, Color body, Color accent, Color lid, Print print, long printSeed,
        Label label) {

    /** The package kinds of a tea shelf. */
    enum Pack { CARTON, TIN, CANISTER }

    /** The pattern printed on the body, in the accent colour. */
    enum Print { STRIPES, DIAGONALS, DOTS, LEAVES, WAVES }

    /**
     * The band across the front that names the product.
     *
     * @param top    where the band starts, as a share of the printed face's height
     * @param height the band's height, as a share of the printed face's height
     */
    record Label(String category, String title, Color colour, double top, double height) {
    }

    private record Hsb(double hue, double saturation, double brightness) {
    }

    /** Flavours whose name says their colour get it (green tea is green); any other name gets a hue of its own. */
    private static final Map<String, Hsb> FLAVOUR_COLOURS = Map.ofEntries(
            Map.entry("green", new Hsb(0.31, 0.78, 0.58)),
            Map.entry("lemon", new Hsb(0.15, 0.85, 0.95)),
            Map.entry("yellow", new Hsb(0.15, 0.85, 0.95)),
            Map.entry("earl", new Hsb(0.62, 0.85, 0.72)),
            Map.entry("blue", new Hsb(0.6, 0.7, 0.6)),
            Map.entry("mint", new Hsb(0.45, 0.6, 0.7)),
            Map.entry("red", new Hsb(0.0, 0.8, 0.7)),
            Map.entry("berry", new Hsb(0.94, 0.7, 0.55)),
            Map.entry("rose", new Hsb(0.93, 0.4, 0.95)),
            Map.entry("orange", new Hsb(0.07, 0.85, 0.95)),
            Map.entry("peach", new Hsb(0.05, 0.55, 0.98)),
            Map.entry("lavender", new Hsb(0.75, 0.4, 0.75)),
            Map.entry("chai", new Hsb(0.06, 0.65, 0.42)),
            Map.entry("licorice", new Hsb(0.0, 0.15, 0.18)),
            Map.entry("black", new Hsb(0.0, 0.1, 0.15)));

    private static final Color GOLD = hsb(0.12, 0.5, 0.85);
    private static final Color SILVER = hsb(0.6, 0.04, 0.8);
    private static final Color CREAM = hsb(0.12, 0.1, 0.97);
    private static final Color WHITE = hsb(0, 0, 0.97);

    static ClassLook of(String className) {
        SplittableRandom random = new SplittableRandom(className.hashCode());
        String[] words = Arrays.stream(className.split("[-_]")).filter(word -> !word.isEmpty()).toArray(String[]::new);
        Hsb fallback = new Hsb(random.nextDouble(), random.nextDouble(0.5, 0.85), random.nextDouble(0.45, 0.9));
        Hsb colour = Arrays.stream(words).map(FLAVOUR_COLOURS::get).filter(hsb -> hsb != null).findFirst()
                .orElse(fallback);
        Color body = hsb(colour.hue(), colour.saturation(), colour.brightness());
        Color accent = switch (random.nextInt(4)) {
            case 0 -> hsb(colour.hue() + 0.5, 0.55, 0.9);
            case 1 -> hsb(colour.hue() + 0.03, colour.saturation() + 0.2, colour.brightness() * 0.55);
            case 2 -> GOLD;
            default -> WHITE;
        };
        Color lid = switch (random.nextInt(3)) {
            case 0 -> GOLD;
            case 1 -> SILVER;
            default -> hsb(colour.hue(), colour.saturation(), colour.brightness() * 0.5);
        };
        Color labelColour = switch (random.nextInt(4)) {
            case 0 -> CREAM;
            case 1 -> WHITE;
            case 2 -> GOLD;
            default -> hsb(colour.hue(), 0.7, 0.25);
        };
        Pack pack = Pack.values()[random.nextInt(Pack.values().length)];
        double aspect = switch (pack) {
            case CARTON -> random.nextDouble(0.7, 1.4);
            case TIN -> random.nextDouble(0.85, 1.2);
            case CANISTER -> random.nextDouble(0.55, 0.8);
        };
        Print print = Print.values()[random.nextInt(Print.values().length)];
        Label label = new Label(words[0].toUpperCase(Locale.ROOT), title(words), labelColour,
                random.nextDouble(0.25, 0.5), random.nextDouble(0.2, 0.3));
        return new ClassLook(pack, aspect, body, accent, lid, print, random.nextLong(), label);
    }

    /** {@code tea-earl-grey} is category TEA, title EARL GREY; a one-word name is its own title. */
    private static String title(String[] words) {
        String[] rest = words.length > 1 ? Arrays.copyOfRange(words, 1, words.length) : words;
        return Arrays.stream(rest).map(word -> word.toUpperCase(Locale.ROOT)).collect(Collectors.joining(" "));
    }
}
