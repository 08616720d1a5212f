package dev.ridgeline.outreach.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MergeTemplateTests {

    @Test
    void fieldsFallbacksAndConditionals() {
        MergeTemplate t = MergeTemplate.parse("""
                Hi {{owner.firstName | "there"}},
                {{#if storm.date}}hail of {{storm.hailSize}} in fell {{ storm.distanceMiles }} mi from {{property.address}} \
                on {{storm.date}}.{{else}}storms this season were hard on roofs.{{/if}}
                {{#if roof.ageYears}}Your roof is about {{roof.ageYears}} years old.{{/if}}""");
        assertThat(t.fields()).containsExactlyInAnyOrder(MergeField.OWNER_FIRST_NAME, MergeField.STORM_DATE,
                MergeField.STORM_HAIL_SIZE, MergeField.STORM_DISTANCE, MergeField.PROPERTY_ADDRESS, MergeField.ROOF_AGE);
        var full = t.render(Map.of(MergeField.OWNER_FIRST_NAME, "Pat", MergeField.STORM_DATE, "June 12, 2025",
                MergeField.STORM_HAIL_SIZE, "1.75", MergeField.STORM_DISTANCE, "0.4", MergeField.PROPERTY_ADDRESS,
                "412 Elm St", MergeField.ROOF_AGE, "19"), false);
        assertThat(full.text()).isEqualTo("Hi Pat,\nhail of 1.75 in fell 0.4 mi from 412 Elm St on June 12, 2025.\n"
                + "Your roof is about 19 years old.");
        assertThat(full.missing()).isEmpty();
        var bare = t.render(Map.of(MergeField.OWNER_FIRST_NAME, " "), false);
        assertThat(bare.text()).isEqualTo("Hi there,\nstorms this season were hard on roofs.\n");
        assertThat(bare.missing()).isEmpty();
        // A field with no value and no fallback is reported, so that nothing is sent with a hole in it.
        assertThat(MergeTemplate.parse("Dear {{owner.name}}").render(Map.of(), false).missing())
                .containsExactly(MergeField.OWNER_NAME);
    }

    @Test
    void valuesAreEscapedInHtmlButTheTemplatesOwnMarkupIsKept() {
        var r = MergeTemplate.parse("<p>Hi <b>{{owner.firstName}}</b>, {{company.name | \"Smith & Sons\"}}</p>")
                .render(Map.of(MergeField.OWNER_FIRST_NAME, "<script>x</script>"), true);
        assertThat(r.text()).isEqualTo("<p>Hi <b>&lt;script&gt;x&lt;/script&gt;</b>, Smith &amp; Sons</p>");
    }

    @Test
    void mistakesAreRefusedWithTheirLineAndColumn() {
        assertThatThrownBy(() -> MergeTemplate.parse("Hi {{owner.firstname}},\nyour {{roof.age}}"))
                .isInstanceOfSatisfying(MergeTemplate.InvalidTemplateException.class, e -> {
                    assertThat(e.problems()).extracting(MergeTemplate.Problem::line, MergeTemplate.Problem::column)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 4),
                                    org.assertj.core.groups.Tuple.tuple(2, 6));
                    assertThat(e.getMessage()).contains("unknown field 'owner.firstname'").contains("owner.firstName");
                });
        assertThatThrownBy(() -> MergeTemplate.parse("{{#if storm.date}}x")).hasMessageContaining("never closed with {{/if}}");
        assertThatThrownBy(() -> MergeTemplate.parse("x{{/if}}")).hasMessageContaining("without an open {{#if}}");
        assertThatThrownBy(() -> MergeTemplate.parse("x {{owner.name")).hasMessageContaining("never closed with '}}'");
        assertThatThrownBy(() -> MergeTemplate.parse("{{owner.name | there}}")).hasMessageContaining("a fallback is written");
    }

    @Test
    void thePlainTextPartKeepsParagraphsListsAndLinks() {
        assertThat(HtmlText.of("<p>Hi Pat,</p><p>We can come <b>Tuesday</b>:</p><ul><li>free inspection</li>"
                + "<li>photos of every slope</li></ul><p><a href=\"https://acme.test/book\">Book a time</a> &amp; "
                + "reply.<br>Riley</p>")).isEqualTo("Hi Pat,\n\nWe can come Tuesday:\n\n- free inspection\n"
                        + "- photos of every slope\n\nBook a time (https://acme.test/book) & reply.\nRiley\n");
    }
}
