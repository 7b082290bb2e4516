import { describe, expect, it } from 'vitest';
import { findBoilerplate, splitLines } from '../../../src/indexing/parse/boilerplate.js';

const boilerplateOf = (text: string) => {
  const lines = splitLines(text);
  const found = findBoilerplate(lines);
  return { removed: lines.filter((_, i) => found.lines.has(i)).map((l) => l.text), author: found.author };
};

const BODY = 'The council approved the new budget on Tuesday after a long debate about schools and roads.';

describe('boilerplate rules', () => {
  it('drops everything from a "Related articles" or "Leave a Reply" trailer on', () => {
    const { removed } = boilerplateOf(`Title here\n\n${BODY}\n\nRecent Posts:\nSome other story\n`);
    expect(removed).toEqual(['Recent Posts:', 'Some other story']);
    expect(boilerplateOf(`${BODY}\nLeave a comment`).removed).toEqual(['Leave a comment']);
    expect(boilerplateOf(`${BODY}\nYou might also like\nA link`).removed).toEqual(['You might also like', 'A link']);
  });

  it('drops an author bio and takes the author name from it', () => {
    const { removed, author } = boilerplateOf(`${BODY}\nAbout the author: Maria Lopez is a reporter covering city hall.\nWebsite | + posts`);
    expect(removed).toEqual(['About the author: Maria Lopez is a reporter covering city hall.', 'Website | + posts']);
    expect(author).toBe('Maria Lopez');
  });

  it('drops image captions that credit a source', () => {
    const { removed } = boilerplateOf(`${BODY}\nThe mayor at the podium on Monday. Photo: City Press\n${BODY}`);
    expect(removed).toEqual(['The mayor at the podium on Monday. Photo: City Press']);
    expect(boilerplateOf(`${BODY}\nA crowded square. Image | Daily Wire Service\n${BODY}`).removed).toHaveLength(1);
  });

  it('keeps body sentences that merely mention images or photos', () => {
    const text = `${BODY}\nThe photo exhibition opened to the public and drew large crowds over the weekend.`;
    expect(boilerplateOf(text).removed).toEqual([]);
  });

  it('drops disclosure statements and names their author', () => {
    const { removed, author } = boilerplateOf(`${BODY}\nAnna Berg does not work for, consult, own shares in or receive funding from any company.`);
    expect(removed).toHaveLength(1);
    expect(author).toBe('Anna Berg');
  });

  it('treats a bare name at the end of the article as the byline', () => {
    const { removed, author } = boilerplateOf(`A headline\n${BODY}\nJohn Smith\nLeave a Reply`);
    expect(removed).toEqual(['John Smith', 'Leave a Reply']);
    expect(author).toBe('John Smith');
  });
});
