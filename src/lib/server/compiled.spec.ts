import { afterAll, describe, expect, it } from 'vitest';
import { compiledOnce } from './compiled';
import { openDatabase } from './db';

const { db, sqlite } = openDatabase(':memory:');
sqlite.exec(`CREATE TABLE forums (slug TEXT PRIMARY KEY, created_at INTEGER NOT NULL)`);
sqlite.exec(`INSERT INTO forums VALUES ('wtpf-21', 2021), ('wtpf-26', 2026), ('pp-26', 2026)`);
afterAll(() => sqlite.close());

describe('compiledOnce', () => {
	it('runs the query compiled the first time with each call’s own parameters', async () => {
		const createdIn = compiledOnce((db, year: number, after: string) =>
			db
				.selectFrom('forums')
				.select('slug')
				.where('created_at', '=', year)
				.where('slug', '>', after)
				.orderBy('slug')
		);
		expect(await createdIn(db, 2026, '')).toEqual([{ slug: 'pp-26' }, { slug: 'wtpf-26' }]);
		expect(await createdIn(db, 2026, 'q')).toEqual([{ slug: 'wtpf-26' }]);
		expect(await createdIn(db, 2021, '')).toEqual([{ slug: 'wtpf-21' }]);
		expect(await createdIn(db, 1999, '')).toEqual([]);
	});

	it('refuses a query that binds a value that is not one of its parameters', async () => {
		const withConstant = compiledOnce((db, slug: string) =>
			db.selectFrom('forums').select('slug').where('slug', '=', slug).where('created_at', '>', 2000)
		);
		await expect(withConstant(db, 'wtpf-26')).rejects.toThrow(/binds other values/);
	});
});
