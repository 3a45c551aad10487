package io.jesync.product;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;


/**
 * What e-conomic and Norce refuse, found before anything is written, so one bad article is reported (or parked)
 * with its reason and never stops the rest. Limits: product number 1–25 characters, name 1–300, barcode ≤ 50
 * (e-conomic's product schema); every product needs a VAT rate, and going to e-conomic also a product group for it.
 */
public final class ProductValidator {
    public static final int MAX_ARTICLE_NUMBER = 25;
    public static final int MAX_NAME = 300;
    public static final int MAX_BARCODE = 50;

    /** The products split into those that can be written and the problems of the rest. */
    public record Checked(List<Product> valid, List<ProductProblem> invalid) {
    }

    private ProductValidator() {
    }

    /**
     * Checks a whole catalogue read from the source. Article numbers that occur more than once (e-conomic compares
     * them without regard to case [I]) are all invalid: there is no telling which one is meant.
     *
     * @param toEconomic whether the products go to e-conomic (then each VAT rate needs a product group)
     */
    public static Checked check(List<Product> products, ProductSettings settings, boolean toEconomic) {
        Map<String, Integer> counts = new HashMap<>();
        for (Product product : products) {
            if (product.articleNumber() != null) {
                counts.merge(key(product.articleNumber()), 1, Integer::sum);
            }
        }
        List<Product> valid = new ArrayList<>();
        List<ProductProblem> invalid = new ArrayList<>();
        for (Product product : products) {
            Optional<ProductProblem> problem = product.articleNumber() != null
                    && counts.get(key(product.articleNumber())) > 1
                    ? Optional.of(duplicate(product.articleNumber(), counts.get(key(product.articleNumber()))))
                    : check(product, settings, toEconomic);
            problem.ifPresentOrElse(invalid::add, () -> valid.add(product));
        }
        return new Checked(valid, invalid);
    }

    /** The first problem of one product, if any. */
    public static Optional<ProductProblem> check(Product product, ProductSettings settings, boolean toEconomic) {
        String article = product.articleNumber();
        if (article == null || article.isBlank()) {
            return Optional.of(new ProductProblem(ProductProblem.Code.MISSING_ARTICLE_NUMBER, "", "articleNumber",
                    null, "A product named '" + show(product.name()) + "' has no article number; both systems"
                    + " match products by it. Give it an article number."));
        }
        if (article.length() > MAX_ARTICLE_NUMBER) {
            return Optional.of(new ProductProblem(ProductProblem.Code.ARTICLE_NUMBER_TOO_LONG, article,
                    "articleNumber", article, "Article " + article + ": the article number has " + article.length()
                    + " characters; e-conomic allows at most " + MAX_ARTICLE_NUMBER + ". Shorten it in the shop."));
        }
        Optional<String> bad = rejectedCharacter(article);
        if (bad.isPresent()) {
            return Optional.of(new ProductProblem(ProductProblem.Code.ARTICLE_NUMBER_CHARACTERS, article,
                    "articleNumber", article, "Article " + show(article) + ": the article number contains "
                    + bad.get() + ", which e-conomic does not accept in a product number. Remove it in the shop."));
        }
        if (product.name() == null || product.name().isBlank()) {
            return Optional.of(new ProductProblem(ProductProblem.Code.MISSING_NAME, article, "name", null,
                    "Article " + article + ": the product has no name; e-conomic needs one. Give it a name."));
        }
        if (product.name().length() > MAX_NAME) {
            return Optional.of(new ProductProblem(ProductProblem.Code.TEXT_TOO_LONG, article, "name",
                    show(product.name()), "Article " + article + ": the name has " + product.name().length()
                    + " characters; e-conomic allows at most " + MAX_NAME + ". Shorten it."));
        }
        if (product.barcode() != null && product.barcode().length() > MAX_BARCODE) {
            return Optional.of(new ProductProblem(ProductProblem.Code.TEXT_TOO_LONG, article, "barcode",
                    show(product.barcode()), "Article " + article + ": the barcode has " + product.barcode().length()
                    + " characters; e-conomic allows at most " + MAX_BARCODE + ". Correct it."));
        }
        if (product.vatRate() == null) {
            String where = toEconomic ? "the SKU has no VAT rate in the shop. Set its VAT rate in the shop."
                    : "its e-conomic product group " + product.productGroup() + " has no VAT rate in"
                    + " shop.<id>.products.vat-rate-by-group. Add the group's rate there (e.g. "
                    + (product.productGroup() == null ? 1 : product.productGroup()) + ":25).";
            return Optional.of(new ProductProblem(ProductProblem.Code.MISSING_VAT_RATE, article, "vat-rate", null,
                    "Article " + article + ": " + where));
        }
        if (toEconomic && product.productGroup() == null) {
            return Optional.of(new ProductProblem(ProductProblem.Code.NO_PRODUCT_GROUP, article, "vat-rate",
                    product.vatRate().toPlainString(), "Article " + article + ": no e-conomic product group is set"
                    + " for its VAT rate " + product.vatRate().toPlainString() + " %. Add the rate to"
                    + " shop.<id>.products.group-by-vat-rate (e.g. 25:1,12:2,6:3)."));
        }
        return Optional.empty();
    }

    /** The comparison key of an article number: e-conomic treats "abc-1" and "ABC-1" as one product [I]. */
    public static String key(String articleNumber) {
        return articleNumber.strip().toUpperCase(Locale.ROOT);
    }

    /**
     * e-conomic's schema only says "alphanumeric product number"; its path escapes cover {@code < > * % : & / \ _
     * space ? . # +}, so those pass. Refused here [I]: control characters and line breaks, characters
     * outside the Basic Multilingual Plane (emoji), and leading or trailing spaces, which e-conomic trims.
     */
    static Optional<String> rejectedCharacter(String article) {
        if (!article.equals(article.strip())) {
            return Optional.of("a leading or trailing space");
        }
        for (int i = 0; i < article.length(); i++) {
            char c = article.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of(String.format("the control character U+%04X", (int) c));
            }
            if (Character.isSurrogate(c)) {
                return Optional.of("a character outside the Basic Multilingual Plane (e.g. an emoji)");
            }
        }
        return Optional.empty();
    }

    private static ProductProblem duplicate(String article, int times) {
        return new ProductProblem(ProductProblem.Code.DUPLICATE_ARTICLE_NUMBER, article, "articleNumber", article,
                "Article " + article + ": the article number occurs " + times + " times (letter case ignored);"
                        + " article numbers must be unique. Give each product its own.");
    }

    static String show(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > 80 ? value.substring(0, 79) + "…" : value;
    }

    static String plain(BigDecimal value) {
        return value == null ? "none" : value.stripTrailingZeros().toPlainString();
    }
}
