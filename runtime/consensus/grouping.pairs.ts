/**
 * The authored set the default grouping threshold is tuned on: pairs of open-ended positions as agents write
 * them, labelled by hand as the same position (paraphrase) or different positions. Kept beside the code so
 * that the threshold, the test that checks it and the README figures all read one list.
 *
 * The different-position pairs deliberately include negations and antonyms ("Raise" / "Lower"), which share
 * most of their words: a lexical embedder cannot tell them apart, and merging them would report a consensus
 * that does not exist, so the threshold is chosen to keep every one of them apart.
 */

/** Two texts that state the same position. */
export const PARAPHRASE_PAIRS: readonly (readonly [string, string])[] = [
  ['Adopt it with a pilot first', 'Yes, but start with a pilot'],
  ['Adopt it with a pilot first', 'Adopt, with a pilot programme first'],
  ['No, keep five days', 'No - keep the five-day week'],
  ['No, keep five days', 'Keep the five day week'],
  ['Yes, adopt the four-day week', 'Adopt the four day week'],
  ['Yes, adopt the four-day week', 'Yes: adopt a four-day work week'],
  ['Adopt the four-day week.', 'Adopt a four-day week'],
  ['Reject the proposal', 'The proposal should be rejected'],
  ['Reject the proposal', 'Reject this proposal'],
  ['Raise the minimum wage', 'Raise the minimum wage gradually'],
  ['Build the bridge', 'Build the new bridge'],
  ['Delay the launch by a month', 'Delay launch one month'],
  ['Delay the launch by a month', 'Delay the launch by one month'],
  ['Approve the budget as proposed', 'Approve the proposed budget'],
  ['Use PostgreSQL', 'Use Postgres'],
  ['Use PostgreSQL', 'Use PostgreSQL for storage'],
  ['Ban cars from the city centre', 'Ban cars in the city center'],
  ['Fund the program for one more year', 'Fund the programme for another year'],
  ['Hire two more engineers', 'Hire 2 more engineers'],
  ['Close the office on Fridays', 'Close the office every Friday'],
  ['Move the meeting to Tuesday', 'Move the meeting to Tuesday instead'],
  ['Recall the product', 'Recall the product immediately'],
];

/** Two texts that state different positions. */
export const DISTINCT_PAIRS: readonly (readonly [string, string])[] = [
  ['Adopt it with a pilot first', 'No, keep five days'],
  ['Yes, adopt the four-day week', 'No, keep five days'],
  ['Yes, adopt the four-day week', 'No, do not adopt the four-day week'],
  ['Adopt the four-day week.', 'Do not adopt the four-day week'],
  ['Keep the five day week', 'Adopt a four day week'],
  ['Adopt it with a pilot first', 'Adopt it immediately everywhere'],
  ['Raise the minimum wage', 'Lower the minimum wage'],
  ['Raise the minimum wage', 'Freeze the minimum wage'],
  ['Build the bridge', 'Do not build the bridge'],
  ['Build the bridge', 'Repair the old bridge'],
  ['Delay the launch by a month', 'Launch on schedule'],
  ['Delay the launch by a month', 'Delay the launch by a year'],
  ['Approve the budget as proposed', 'Reject the budget'],
  ['Approve the budget as proposed', 'Approve the budget with cuts'],
  ['Use PostgreSQL', 'Use MySQL'],
  ['Reject the proposal', 'Accept the proposal'],
  ['Ban cars from the city centre', 'Allow cars in the city centre'],
  ['Fund the program for one more year', 'Stop funding the program'],
  ['Hire two more engineers', 'Hire no more engineers'],
  ['Close the office on Fridays', 'Open the office on Fridays'],
  ['Move the meeting to Tuesday', 'Move the meeting to Thursday'],
  ['Recall the product', 'Do not recall the product'],
];
