import React from "react";

export function Answer({ aiResponse }: { aiResponse: string }) {
  return <div className="answer" dangerouslySetInnerHTML={{ __html: aiResponse }} />;
}
