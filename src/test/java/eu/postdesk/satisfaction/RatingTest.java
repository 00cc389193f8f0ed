package eu.postdesk.satisfaction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RatingTest {
    @Test
    void aDigitAtTheStartIsTheRatingAndWhatFollowsTheComment() {
        assertThat(Rating.in("4")).contains(new Rating(4, null));
        assertThat(Rating.in("4/5 - quick answer")).contains(new Rating(4, "quick answer"));
        assertThat(Rating.in("5\n\nThanks a lot")).contains(new Rating(5, "Thanks a lot"));
    }

    @Test
    void aWordThatStandsAloneRatesInEachLanguage() {
        assertThat(Rating.in("Good")).map(Rating::score).contains(5);
        assertThat(Rating.in("bad, too slow")).contains(new Rating(1, "too slow"));
        assertThat(Rating.in("Dårlig.")).map(Rating::score).contains(1);
        assertThat(Rating.in("Sehr gut!")).map(Rating::score).contains(5);
        assertThat(Rating.in("Très bien")).map(Rating::score).contains(5);
        assertThat(Rating.in("جيد")).map(Rating::score).contains(5);
    }

    @Test
    void ordinaryTextIsNoRating() {
        assertThat(Rating.in("5 printers are down again")).isEmpty();
        assertThat(Rating.in("God morgen, jeg har stadig problemet")).isEmpty();
        assertThat(Rating.in("10")).isEmpty();
        assertThat(Rating.in("The printer is offline again.")).isEmpty();
        assertThat(Rating.in("")).isEmpty();
    }
}
